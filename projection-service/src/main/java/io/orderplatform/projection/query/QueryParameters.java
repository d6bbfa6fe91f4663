package io.orderplatform.projection.query;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Base64;

/** Reads and checks the query API's parameters; a bad one is a 400 naming it. */
final class QueryParameters {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final long DEFAULT_WAIT_MS = 3_000;
    static final long MAX_WAIT_MS = 30_000;

    private QueryParameters() {}

    static long minVersion(String value) {
        if (value == null) {
            return 0;
        }
        long version = number("minVersion", value);
        if (version < 1) {
            throw new BadQueryException("minVersion", "minVersion must be at least 1");
        }
        return version;
    }

    static Duration waitMs(String value) {
        if (value == null) {
            return Duration.ofMillis(DEFAULT_WAIT_MS);
        }
        long millis = number("waitMs", value);
        if (millis < 0 || millis > MAX_WAIT_MS) {
            throw new BadQueryException("waitMs", "waitMs must be between 0 and " + MAX_WAIT_MS);
        }
        return Duration.ofMillis(millis);
    }

    static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        long limit = number("limit", value);
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new BadQueryException("limit", "limit must be between 1 and " + MAX_LIMIT);
        }
        return (int) limit;
    }

    /** The key a page starts after; null for the first page. */
    static String pageAfter(String token) {
        if (token == null || token.isEmpty()) {
            return null;
        }
        try {
            return new String(Base64.getUrlDecoder().decode(token), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw new BadQueryException("pageToken", "pageToken is not a token this API gave out");
        }
    }

    /** The token of the page after the one ending with {@code lastKey}. */
    static String pageToken(String lastKey) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(lastKey.getBytes(StandardCharsets.UTF_8));
    }

    static Instant instant(String name, String value, Instant otherwise) {
        if (value == null) {
            return otherwise;
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new BadQueryException(name, name + " must be an ISO-8601 instant such as 2026-11-27T10:00:00Z");
        }
    }

    private static long number(String name, String value) {
        try {
            return Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new BadQueryException(name, name + " must be a whole number");
        }
    }
}
