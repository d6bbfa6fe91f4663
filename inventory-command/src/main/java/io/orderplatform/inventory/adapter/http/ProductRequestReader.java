package io.orderplatform.inventory.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderplatform.inventory.domain.InventoryItem;
import io.orderplatform.runtime.http.JsonBody;
import io.orderplatform.schemas.inventory.AddStock;
import io.orderplatform.schemas.inventory.RegisterProduct;
import io.orderplatform.schemas.inventory.Skus;
import java.util.Set;

/** Reads product requests strictly, reporting every broken rule at once as field errors. */
final class ProductRequestReader {

    static final int MAX_NAME_LENGTH = 200;
    static final int MAX_RESTOCK = 1_000_000;

    private ProductRequestReader() {}

    /** {@code {"sku", "name", "initialQuantity"}}. */
    static RegisterProduct registration(String body) {
        JsonNode request = JsonBody.parseObject(body);
        JsonBody check = new JsonBody();
        check.allowOnly(request, "", Set.of("sku", "name", "initialQuantity"));
        String sku = check.requiredText(request, "sku", "sku");
        if (sku != null && !Skus.isValid(sku)) {
            check.reject("sku", Skus.RULE);
        }
        String name = check.requiredText(request, "name", "name");
        if (name != null && (name.isBlank() || name.length() > MAX_NAME_LENGTH)) {
            check.reject("name", "must be 1 to " + MAX_NAME_LENGTH + " characters");
        }
        Integer initialQuantity =
                check.requiredInt(request, "initialQuantity", "initialQuantity", 0, InventoryItem.MAX_STOCK);
        check.throwIfInvalid();
        return new RegisterProduct(sku, name, initialQuantity);
    }

    /** {@code {"quantity"}} for the product in the path. */
    static AddStock restock(String sku, String body) {
        JsonNode request = JsonBody.parseObject(body);
        JsonBody check = new JsonBody();
        if (!Skus.isValid(sku)) {
            check.reject("sku", Skus.RULE);
        }
        check.allowOnly(request, "", Set.of("quantity"));
        Integer quantity = check.requiredInt(request, "quantity", "quantity", 1, MAX_RESTOCK);
        check.throwIfInvalid();
        return new AddStock(sku, quantity);
    }
}
