package io.orderplatform.kafka.deadletter.http;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.orderplatform.kafka.deadletter.admin.DeadLetter;
import io.orderplatform.kafka.deadletter.admin.DeadLetterAdminException;
import io.orderplatform.kafka.deadletter.admin.DeadLetterFilter;
import io.orderplatform.kafka.deadletter.admin.PagePosition;
import io.orderplatform.kafka.deadletter.admin.Selection;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SelectionBodyTest {

    @Test
    void a_body_selects_one_dead_letter_a_filter_or_all_and_may_ask_for_a_dry_run() {
        assertThat(SelectionBody.parse("{\"partition\": 2, \"offset\": 17}"))
                .isEqualTo(new SelectionBody.Request(new Selection.One(2, 17), false));
        assertThat(SelectionBody.parse("{\"filter\": {\"key\": \"o-1\", \"redriven\": false}, \"dryRun\": true}"))
                .isEqualTo(new SelectionBody.Request(
                        new Selection.Matching(new DeadLetterFilter("o-1", null, null, false, null)), true));
        assertThat(SelectionBody.parse("{\"all\": true}").selection()).isEqualTo(new Selection.All());
    }

    @Test
    void a_body_that_is_missing_ambiguous_or_loosely_typed_is_refused() {
        for (String body : new String[] {
            null,
            " ",
            "{}",
            "{\"offset\": 3}",
            "{\"partition\": 1, \"offset\": 2, \"all\": true}",
            "{\"partition\": 1.0, \"offset\": 2}",
            "{\"partition\": true, \"offset\": 2}",
            "{\"filter\": {\"contains\": \"\"}}",
            "{\"filter\": {\"errorClass\": false}}",
            "{\"all\": \"true\"}",
            "{\"all\": true} {\"all\": true}"
        }) {
            assertThatThrownBy(() -> SelectionBody.parse(body))
                    .as(body)
                    .isInstanceOf(DeadLetterAdminException.BadRequest.class);
        }
    }

    @Test
    void a_filter_takes_by_key_error_class_text_and_state() {
        DeadLetter letter = new DeadLetter(
                0,
                5,
                "o-1",
                "saga-orchestrator",
                "orders.events",
                0,
                9L,
                "java.lang.IllegalArgumentException",
                "bad sequence",
                "IllegalArgumentException: bad sequence",
                "2026-11-27T10:00:00Z",
                "orders.OrderPlaced.v1",
                Map.of("ce_id", "Event-42"),
                "{\"orderId\":\"o-1\"}",
                true,
                false);

        assertThat(new DeadLetterFilter("o-1", "IllegalArgumentException", "event-42", true, false).matches(letter))
                .isTrue();
        assertThat(DeadLetterFilter.ANY.matches(letter)).isTrue();
        assertThat(new DeadLetterFilter(null, "java.lang.IllegalArgumentException", null, null, null).matches(letter))
                .isTrue();
        assertThat(new DeadLetterFilter("o-2", null, null, null, null).matches(letter))
                .isFalse();
        assertThat(new DeadLetterFilter(null, "ArgumentException", null, null, null).matches(letter))
                .as("a class name, not a part of one")
                .isFalse();
        assertThat(new DeadLetterFilter(null, null, "nowhere", null, null).matches(letter))
                .isFalse();
        assertThat(new DeadLetterFilter(null, null, null, false, null).matches(letter))
                .isFalse();
    }

    @Test
    void a_page_token_names_a_position_and_nothing_else() {
        PagePosition position = new PagePosition(3, 1_234_567_890_123L);

        assertThat(PagePosition.ofToken(position.token())).contains(position);
        assertThat(PagePosition.ofToken("not base64!")).isEmpty();
        assertThat(PagePosition.ofToken("MS0tMg")).as("1--2").isEmpty();
    }
}
