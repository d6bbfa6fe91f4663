package io.orderplatform.inventory.domain;

/** The client expected another version of the product than the current one. */
public class StaleProductVersion extends InventoryRefusedException {

    public StaleProductVersion(String sku, long expected, long actual) {
        super("product " + sku + " is at version " + actual + ", not " + expected);
    }
}
