package io.orderplatform.runtime.http;

/** Client-chosen ids in headers (idempotency keys, correlation ids): 1 to 255 printable ASCII characters. */
final class PrintableId {

    static final int MAX_LENGTH = 255;

    private PrintableId() {}

    static boolean isValid(String id) {
        return !id.isEmpty() && id.length() <= MAX_LENGTH && id.chars().allMatch(c -> c >= 0x20 && c <= 0x7E);
    }
}
