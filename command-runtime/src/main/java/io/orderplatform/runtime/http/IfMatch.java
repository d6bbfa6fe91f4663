package io.orderplatform.runtime.http;

import java.util.List;

/** The {@code If-Match} header of a command: the aggregate version the client last saw. */
public final class IfMatch {

    private IfMatch() {}

    /**
     * The version an {@code If-Match} header asks for: {@code "3"} → 3; absent or {@code *} → null.
     *
     * @throws InvalidRequestException if the header is not a quoted version
     */
    public static Long expectedVersion(String ifMatch) {
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
