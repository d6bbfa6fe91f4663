package io.orderplatform.kafka;

import static org.assertj.core.api.Assertions.assertThat;

import io.orderplatform.kafka.tracing.TraceParents;
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
}
