package io.orderplatform.inventory.domain;

/** A command that breaks an input rule the aggregate enforces itself (whatever sent it). */
public class InvalidInventoryCommand extends InventoryRefusedException {

    public InvalidInventoryCommand(String message) {
        super(message);
    }
}
