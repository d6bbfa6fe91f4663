package io.orderplatform.order.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderplatform.runtime.http.JsonBody;
import io.orderplatform.schemas.orders.CancelOrder;
import java.util.Set;

/** Reads the optional body of {@code POST /orders/{id}/cancel} and its {@code If-Match} header. */
final class CancelOrderRequestReader {

    static final int MAX_REASON_LENGTH = 500;

    private CancelOrderRequestReader() {}

    static CancelOrder read(String orderId, String body) {
        if (body == null || body.isBlank()) {
            return new CancelOrder(orderId, null);
        }
        JsonNode request = JsonBody.parseObject(body);
        JsonBody check = new JsonBody();
        check.allowOnly(request, "", Set.of("reason"));
        JsonNode reason = request.get("reason");
        String text = null;
        if (reason != null && !reason.isNull()) {
            if (!reason.isTextual()) {
                check.reject("reason", "must be a string");
            } else if (reason.textValue().isBlank() || reason.textValue().length() > MAX_REASON_LENGTH) {
                check.reject("reason", "must be 1 to " + MAX_REASON_LENGTH + " characters");
            } else {
                text = reason.textValue();
            }
        }
        check.throwIfInvalid();
        return new CancelOrder(orderId, text);
    }
}
