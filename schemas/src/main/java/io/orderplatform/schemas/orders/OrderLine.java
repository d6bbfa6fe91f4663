package io.orderplatform.schemas.orders;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;

/**
 * One line of an order: how many units of which product, at what unit price.
 *
 * @param sku the product's stock-keeping unit
 * @param quantity units ordered, at least 1
 * @param unitPrice price of one unit in the order's currency, a decimal string on the wire
 */
public record OrderLine(
        String sku,
        int quantity,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal unitPrice) {

    /** The exact price of the line: quantity × unit price. */
    public BigDecimal lineTotal() {
        return unitPrice.multiply(BigDecimal.valueOf(quantity));
    }
}
