package io.orderplatform.kafka.deadletter.http;

import io.orderplatform.kafka.deadletter.admin.DeadLetterAdminException.BadRequest;
import io.orderplatform.kafka.deadletter.admin.DeadLetterFilter;
import io.orderplatform.kafka.deadletter.admin.PagePosition;

/** Reads and checks the list's query parameters (and the same filters in a selection); a bad one is a 400 naming it. */
final class DeadLetterQuery {

    static final int DEFAULT_LIMIT = 50;
    static final int MAX_LIMIT = 500;
    static final int MAX_TEXT = 1_000;

    private DeadLetterQuery() {}

    static int limit(String value) {
        if (value == null) {
            return DEFAULT_LIMIT;
        }
        try {
            int limit = Integer.parseInt(value);
            if (limit >= 1 && limit <= MAX_LIMIT) {
                return limit;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw new BadRequest("limit", "limit must be a whole number from 1 to " + MAX_LIMIT);
    }

    /** Where the page starts; null for the first page. */
    static PagePosition from(String pageToken) {
        if (pageToken == null || pageToken.isEmpty()) {
            return null;
        }
        return PagePosition.ofToken(pageToken)
                .orElseThrow(() -> new BadRequest("pageToken", "pageToken is not a token this API gave out"));
    }

    static DeadLetterFilter filter(
            String key, String errorClass, String contains, Boolean redriven, Boolean discarded) {
        return new DeadLetterFilter(
                text("key", key), text("errorClass", errorClass), text("contains", contains), redriven, discarded);
    }

    static Boolean flag(String name, String value) {
        if (value == null) {
            return null;
        }
        return switch (value) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new BadRequest(name, name + " must be true or false");
        };
    }

    private static String text(String name, String value) {
        if (value == null) {
            return null;
        }
        if (value.isEmpty() || value.length() > MAX_TEXT) {
            throw new BadRequest(name, name + " must have 1 to " + MAX_TEXT + " characters");
        }
        return value;
    }
}
