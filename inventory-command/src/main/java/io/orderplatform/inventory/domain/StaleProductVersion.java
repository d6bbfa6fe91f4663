package io.orderplatform.inventory.domain;

/** The client expected another version of the product than the current one. */
public class StaleProductVersion extends InventoryRefusedException {

    private final long expected;
    private final long actual;

    public StaleProductVersion(String sku, long expected, long actual) {
        super("product " + sku + " is at version " + actual + ", not " + expected);
        this.expected = expected;
        this.actual = actual;
    }

    /**
     * Whether the client expected a later version than the product was found at. Versions only grow,
     * so the client has seen a version that the copy it was checked against had not: that copy was
     * behind (a cached one, see the adapter), and the check is worth making again on the current one.
     */
    public boolean expectsALaterVersion() {
        return expected > actual;
    }
}
