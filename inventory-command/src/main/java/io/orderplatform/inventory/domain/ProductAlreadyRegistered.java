package io.orderplatform.inventory.domain;

/** A product is registered once; its stock then changes by restocking. */
public class ProductAlreadyRegistered extends InventoryRefusedException {

    public ProductAlreadyRegistered(String sku) {
        super("product " + sku + " is already registered");
    }
}
