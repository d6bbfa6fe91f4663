package io.orderplatform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderplatform.kafka.tracing.TraceParents;
import java.util.Locale;
import java.util.Random;
import org.junit.jupiter.api.Test;

class TraceParentsTest {

    @Test
    void a_well_formed_traceparent_is_kept_and_a_malformed_one_ignored() {
        String valid = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

        assertThat(TraceParents.validOrNull(valid)).isEqualTo(valid);
        assertThat(TraceParents.validOrNull("00-00000000000000000000000000000000-00f067aa0ba902b7-01"))
                .isNull();
        assertThat(TraceParents.validOrNull("00-4BF92F3577B34DA6A3CE929D0E0E4736-00f067aa0ba902b7-01"))
                .isNull();
        assertThat(TraceParents.validOrNull("garbage")).isNull();
        assertThat(TraceParents.validOrNull(null)).isNull();
    }

    @Test
    void a_derived_traceparent_puts_every_message_of_a_flow_in_one_trace() {
        String first = TraceParents.derive("6f1c0c1e-1111-4c59-9a55-0c1f4a1e8b21", "aaaa-1");
        String second = TraceParents.derive("6f1c0c1e-1111-4c59-9a55-0c1f4a1e8b21", "bbbb-2");

        assertThat(TraceParents.validOrNull(first)).isEqualTo(first);
        assertThat(first.substring(3, 35)).isEqualTo(second.substring(3, 35));
        assertThat(first.substring(36, 52)).isNotEqualTo(second.substring(36, 52));
        assertThat(TraceParents.validOrNull(TraceParents.derive("no-hex-here", "zzz")))
                .isNotNull();
    }

    @Test
    void a_derived_traceparent_takes_the_last_hex_digits_of_each_id_as_the_regular_expressions_did() {
        assertThat(TraceParents.derive("6F1C0C1E-1111-4C59-9A55-0C1F4A1E8B21", "x-00F067AA-0BA9-02B7"))
                .isEqualTo("00-6f1c0c1e11114c599a550c1f4a1e8b21-00f067aa0ba902b7-01");
        assertThat(TraceParents.derive("0-0", "")).isEqualTo("00-" + "0".repeat(31) + "1-" + "0".repeat(15) + "1-01");
        Random random = new Random(42);
        String alphabet = "0123456789abcdefABCDEFghzGHZ-_ ./\u00e9\u0660\uff21";
        for (int i = 0; i < 10_000; i++) {
            String flow = randomText(random, alphabet);
            String message = randomText(random, alphabet);
            assertThat(TraceParents.derive(flow, message))
                    .as("derive(%s, %s)", flow, message)
                    .isEqualTo("00-" + reference(flow, 32) + "-" + reference(message, 16) + "-01");
        }
    }

    private static String randomText(Random random, String alphabet) {
        StringBuilder text = new StringBuilder();
        int length = random.nextInt(60);
        for (int i = 0; i < length; i++) {
            text.append(alphabet.charAt(random.nextInt(alphabet.length())));
        }
        return text.toString();
    }

    /** The first implementation, with regular expressions: what a derived id must stay. */
    private static String reference(String id, int length) {
        String digits = id.replaceAll("[^0-9a-fA-F]", "").toLowerCase(Locale.ROOT);
        String padded = "0".repeat(Math.max(0, length - digits.length())) + digits;
        String value = padded.substring(padded.length() - length);
        return value.matches("0+") ? "0".repeat(length - 1) + "1" : value;
    }
}
