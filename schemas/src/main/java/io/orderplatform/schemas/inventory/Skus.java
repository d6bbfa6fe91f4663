package io.orderplatform.schemas.inventory;

import java.util.regex.Pattern;

/** The rule every SKU follows, wherever it appears (order lines, products, stock commands). */
public final class Skus {

    /** 1 to 64 characters of A-Z a-z 0-9 . _ - ; the JSON Schemas say the same. */
    public static final Pattern PATTERN = Pattern.compile("[A-Za-z0-9._-]{1,64}");

    /** How a broken SKU is explained to a client. */
    public static final String RULE = "must be 1 to 64 characters of A-Z a-z 0-9 . _ -";

    private Skus() {}

    public static boolean isValid(String sku) {
        return sku != null && PATTERN.matcher(sku).matches();
    }
}
