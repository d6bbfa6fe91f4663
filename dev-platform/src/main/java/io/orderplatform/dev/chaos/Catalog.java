package io.orderplatform.dev.chaos;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The products of one chaos run: {@code count} SKUs with plenty of stock, and one that is sold out, which
 * every order meant to be rejected asks for. Any other rejection is a wrong outcome.
 */
record Catalog(List<String> inStock, String soldOut, int stock) {

    static Catalog of(String run, int count, int stock) {
        List<String> skus = new ArrayList<>();
        for (int i = 0; i < count; i++) {
            skus.add("CHAOS-" + run + "-" + i);
        }
        return new Catalog(List.copyOf(skus), "CHAOS-" + run + "-SOLD-OUT", stock);
    }

    List<String> all() {
        List<String> all = new ArrayList<>(inStock);
        all.add(soldOut);
        return all;
    }

    int initialStockOf(String sku) {
        return sku.equals(soldOut) ? 0 : stock;
    }

    /** Two lines of products in stock, and the sold-out one if the order is meant to be rejected. */
    Map<String, Integer> linesFor(long n, boolean rejection) {
        Map<String, Integer> lines = new LinkedHashMap<>();
        lines.put(inStock.get((int) (n % inStock.size())), 1 + (int) (n % 3));
        lines.merge(inStock.get((int) ((n / 7) % inStock.size())), 1, Integer::sum);
        if (rejection) {
            lines.put(soldOut, 1);
        }
        return lines;
    }

    static String orderBody(Map<String, Integer> lines) {
        StringBuilder body = new StringBuilder("{\"customerId\": \"chaos\", \"currency\": \"EUR\", \"lines\": [");
        lines.forEach((sku, quantity) -> body.append("{\"sku\": \"")
                .append(sku)
                .append("\", \"quantity\": ")
                .append(quantity)
                .append(", \"unitPrice\": \"1.00\"},"));
        body.setLength(body.length() - 1);
        return body.append("]}").toString();
    }

    static String productBody(String sku, int stock) {
        return "{\"sku\": \"" + sku + "\", \"name\": \"chaos\", \"initialQuantity\": " + stock + "}";
    }
}
