package io.orderplatform.streams.versions;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

class ControlHistoryTest {

    static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");

    final ControlHistory history = new ControlHistory();

    @Test
    void a_proposal_based_on_the_latest_revision_is_accepted_and_gets_the_next_revision() {
        ControlState asked = ControlState.initial().withCandidate(T0);

        assertThat(history.apply(0, new ControlHistory.Proposal(0, asked))).isTrue();

        assertThat(history.latest().revision()).isEqualTo(1);
        assertThat(history.latest().candidate()).isEqualTo(2);
        assertThat(history.accepted(0)).isTrue();
    }

    @Test
    void of_two_proposals_based_on_the_same_revision_only_the_first_in_the_log_wins() {
        ControlState sideBySide = ControlState.initial().withCandidate(T0);
        ControlState inPlace = ControlState.initial().rebuildRequested(T0);

        history.apply(0, new ControlHistory.Proposal(0, sideBySide));
        boolean second = history.apply(1, new ControlHistory.Proposal(0, inPlace));

        assertThat(second).isFalse();
        assertThat(history.accepted(1)).isFalse();
        assertThat(history.latest().candidate()).isEqualTo(2);
        assertThat(history.latest().rebuildingInPlace()).isFalse();
    }

    @Test
    void a_stale_instance_cannot_undo_a_newer_state() {
        ControlState building = ControlState.initial().withCandidate(T0);
        history.apply(0, new ControlHistory.Proposal(0, building));
        ControlState promoted = history.latest().promoted(T0.plusSeconds(10));
        history.apply(1, new ControlHistory.Proposal(1, promoted));

        // An instance that still believes revision 1 (building side by side) writes a step computed from it.
        ControlState staleStep =
                building.atRevision(1).promoted(T0.plusSeconds(11)).retired(T0.plusSeconds(11));
        boolean accepted = history.apply(2, new ControlHistory.Proposal(1, staleStep));

        assertThat(accepted).isFalse();
        assertThat(history.latest().revision()).isEqualTo(2);
        assertThat(history.latest().version()).isEqualTo(2);
        assertThat(history.latest().retiring())
                .as("the retirement is still to be done")
                .isEqualTo(1);
    }

    @Test
    void every_reader_of_the_same_records_agrees_on_the_state() {
        ControlHistory other = new ControlHistory();
        ControlHistory.Proposal[] records = {
            new ControlHistory.Proposal(0, ControlState.initial().withCandidate(T0)),
            new ControlHistory.Proposal(0, ControlState.initial().rebuildRequested(T0)),
            new ControlHistory.Proposal(
                    1, ControlState.initial().withCandidate(T0).atRevision(1).promoted(T0)),
        };
        for (int offset = 0; offset < records.length; offset++) {
            history.apply(offset, records[offset]);
            other.apply(offset, records[offset]);
        }

        assertThat(other.latest()).isEqualTo(history.latest());
        assertThat(history.latest().version()).isEqualTo(2);
    }

    @Test
    void what_an_instance_serves_is_what_it_said_last() {
        history.apply(new ControlHistory.Serving("a", 1, T0));
        history.apply(new ControlHistory.Serving("b", 1, T0));
        history.apply(new ControlHistory.Serving("a", 2, T0.minusSeconds(5)));

        assertThat(history.serving().get("a").version())
                .as("the log's order counts, not clocks")
                .isEqualTo(2);
        assertThat(history.serving().get("b").version()).isEqualTo(1);
    }
}
