package io.orderplatform.kafka.tracing;

import java.util.Arrays;
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

    /**
     * The last {@code length} hex digits of an id, lower case, zero-padded; W3C forbids an all-zero id.
     * A loop rather than regular expressions: the relay derives one for every event it publishes.
     */
    private static String hex(String id, int length) {
        char[] value = new char[length];
        Arrays.fill(value, '0');
        boolean zero = true;
        int next = length - 1;
        for (int i = id.length() - 1; i >= 0 && next >= 0; i--) {
            char c = id.charAt(i);
            if (c >= '0' && c <= '9' || c >= 'a' && c <= 'f') {
                value[next--] = c;
            } else if (c >= 'A' && c <= 'F') {
                value[next--] = (char) (c + ('a' - 'A'));
            } else {
                continue;
            }
            zero &= c == '0';
        }
        if (zero) {
            value[length - 1] = '1';
        }
        return new String(value);
    }
}
