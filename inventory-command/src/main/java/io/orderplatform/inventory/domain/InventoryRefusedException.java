package io.orderplatform.inventory.domain;

/** A command the inventory's rules refuse. Nothing was recorded; the message says why. */
public abstract class InventoryRefusedException extends RuntimeException {

    protected InventoryRefusedException(String message) {
        super(message);
    }
}
