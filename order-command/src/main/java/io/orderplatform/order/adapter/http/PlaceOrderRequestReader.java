package io.orderplatform.order.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderplatform.runtime.http.JsonBody;
import io.orderplatform.schemas.inventory.Skus;
import io.orderplatform.schemas.orders.OrderLine;
import io.orderplatform.schemas.orders.PlaceOrder;
import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Reads and checks the body of {@code POST /orders}. Every broken rule is reported, with the JSON
 * path of the field, before anything is written.
 */
final class PlaceOrderRequestReader {

    static final int MAX_LINES = 100;
    static final int MAX_QUANTITY = 10_000;
    static final BigDecimal MAX_UNIT_PRICE = new BigDecimal("1000000");

    private static final Pattern CUSTOMER_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final Pattern CURRENCY = Pattern.compile("[A-Z]{3}");
    private static final Pattern PRICE = Pattern.compile("(0|[1-9][0-9]{0,6})(\\.[0-9]{1,2})?");

    private PlaceOrderRequestReader() {}

    /**
     * @param orderId the id the new order will get
     * @throws io.orderplatform.runtime.http.InvalidRequestException listing every broken rule
     */
    static PlaceOrder read(String body, String orderId) {
        JsonNode request = JsonBody.parseObject(body);
        JsonBody check = new JsonBody();
        check.allowOnly(request, "", Set.of("customerId", "currency", "lines"));

        String customerId = check.requiredText(request, "customerId", "customerId");
        if (customerId != null && !CUSTOMER_ID.matcher(customerId).matches()) {
            check.reject("customerId", "must be 1 to 64 characters of A-Z a-z 0-9 . _ : -");
        }
        String currency = check.requiredText(request, "currency", "currency");
        if (currency != null && !CURRENCY.matcher(currency).matches()) {
            check.reject("currency", "must be an ISO 4217 code of three upper-case letters");
        }
        List<OrderLine> lines = lines(request.get("lines"), check);

        check.throwIfInvalid();
        return new PlaceOrder(orderId, customerId, currency, lines);
    }

    private static List<OrderLine> lines(JsonNode lines, JsonBody check) {
        if (lines == null || lines.isNull()) {
            check.reject("lines", "is required");
            return List.of();
        }
        if (!lines.isArray()) {
            check.reject("lines", "must be an array");
            return List.of();
        }
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            check.reject("lines", "must have 1 to " + MAX_LINES + " lines");
        }
        List<OrderLine> read = new ArrayList<>();
        Set<String> skus = new HashSet<>();
        for (int i = 0; i < lines.size(); i++) {
            OrderLine line = line(lines.get(i), "lines[" + i + "]", check);
            if (line != null && !skus.add(line.sku())) {
                check.reject("lines[" + i + "].sku", "SKU " + line.sku() + " appears on more than one line");
            }
            read.add(line);
        }
        return read;
    }

    private static OrderLine line(JsonNode line, String path, JsonBody check) {
        if (!line.isObject()) {
            check.reject(path, "must be an object");
            return null;
        }
        check.allowOnly(line, path + ".", Set.of("sku", "quantity", "unitPrice"));
        String sku = check.requiredText(line, "sku", path + ".sku");
        if (sku != null && !Skus.isValid(sku)) {
            check.reject(path + ".sku", Skus.RULE);
        }
        Integer quantity = check.requiredInt(line, "quantity", path + ".quantity", 1, MAX_QUANTITY);
        BigDecimal unitPrice = unitPrice(check.requiredText(line, "unitPrice", path + ".unitPrice"), path, check);
        if (sku == null || quantity == null || unitPrice == null) {
            return null;
        }
        return new OrderLine(sku, quantity, unitPrice);
    }

    /** Money is a decimal string with at most two decimals, kept exact and scaled to cents. */
    private static BigDecimal unitPrice(String text, String path, JsonBody check) {
        if (text == null) {
            return null;
        }
        if (!PRICE.matcher(text).matches()) {
            check.reject(path + ".unitPrice", "must be a decimal string with at most 2 decimals, e.g. \"19.99\"");
            return null;
        }
        BigDecimal price = new BigDecimal(text).setScale(2);
        if (price.signum() <= 0 || price.compareTo(MAX_UNIT_PRICE) > 0) {
            check.reject(path + ".unitPrice", "must be more than 0 and at most 1000000");
            return null;
        }
        return price;
    }
}
