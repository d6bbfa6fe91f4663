package io.orderplatform.kafka.tracing;

import java.util.Locale;
import java.util.regex.Pattern;

/**
 * W3C Trace Context {@code traceparent} values: accepting a received one only if it is well formed,
 * and deriving one from the platform's ids when none was received, so that every record of a flow
 * can still be joined into one trace.
 */
public final class TraceParents {

    private static final Pattern VALID = Pattern.compile("00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-[0-9a-f]{2}");

    private TraceParents() {}

    /** The value if it is a well-formed version-00 traceparent, else null (W3C: ignore an invalid one). */
    public static String validOrNull(String traceparent) {
        return traceparent != null && VALID.matcher(traceparent).matches() ? traceparent : null;
    }

    /**
     * A traceparent whose trace id is derived from the flow's id and whose span id from the message's,
     * so that every message of one flow lands in one trace.
     */
    public static String derive(String flowId, String messageId) {
        return "00-" + hex(flowId, 32) + "-" + hex(messageId, 16) + "-01";
    }

    /** The last {@code length} hex digits of an id, zero-padded; W3C forbids an all-zero id. */
    private static String hex(String id, int length) {
        String digits = id.replaceAll("[^0-9a-fA-F]", "").toLowerCase(Locale.ROOT);
        String padded = "0".repeat(Math.max(0, length - digits.length())) + digits;
        String value = padded.substring(padded.length() - length);
        return value.matches("0+") ? "0".repeat(length - 1) + "1" : value;
    }
}
