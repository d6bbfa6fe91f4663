package io.orderplatform.order.adapter.http;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderplatform.runtime.http.FieldError;
import io.orderplatform.runtime.http.InvalidRequestException;
import io.orderplatform.schemas.orders.CancelOrder;
import java.util.List;
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

    /**
     * The version an {@code If-Match} header asks for: {@code "3"} → 3; absent or {@code *} → null.
     *
     * @throws InvalidRequestException if the header is not a quoted version
     */
    static Long expectedVersion(String ifMatch) {
        if (ifMatch == null || ifMatch.isBlank() || ifMatch.trim().equals("*")) {
            return null;
        }
        String tag = ifMatch.trim();
        if (tag.matches("\"[1-9][0-9]{0,17}\"")) {
            return Long.valueOf(tag.substring(1, tag.length() - 1));
        }
        throw new InvalidRequestException(
                List.of(new FieldError("If-Match", "must be the quoted version of an ETag, e.g. \"1\"")));
    }
}
