package io.orderplatform.streams.versions;

import java.time.Instant;
import java.util.Map;
import java.util.NavigableSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentSkipListSet;

/**
 * The control log read in order: which proposals it accepted, and which version each instance said it
 * serves. A proposal is accepted only if it is based on the revision of the latest accepted state; the
 * log gives it the next revision. Every instance reads the same records in the same order, so all agree
 * on which proposal won, and a proposer learns whether it won by reading past its own record. A stale
 * writer (one that computed its change from an older state) is rejected, so it cannot undo a newer state.
 * Pure: no Kafka here, so the rule is tested on its own.
 */
final class ControlHistory {

    /** Offsets of accepted proposals kept, to answer proposers; older ones are forgotten. */
    private static final int REMEMBERED = 1_000;

    /**
     * A proposed state.
     *
     * @param basedOn the revision of the state the change was computed from
     * @param state the state proposed
     */
    record Proposal(long basedOn, ControlState state) {}

    /**
     * An instance's word on which version it serves reads from.
     *
     * @param instance the instance id
     * @param version the version it serves
     * @param at when it said so
     */
    record Serving(String instance, int version, Instant at) {}

    private volatile ControlState latest = ControlState.initial();
    private final NavigableSet<Long> accepted = new ConcurrentSkipListSet<>();
    private final Map<String, Serving> serving = new ConcurrentHashMap<>();

    /** Applies the proposal at {@code offset}; true if it was accepted. */
    boolean apply(long offset, Proposal proposal) {
        if (proposal.state() == null || proposal.basedOn() != latest.revision()) {
            return false;
        }
        latest = proposal.state().atRevision(proposal.basedOn() + 1);
        accepted.add(offset);
        while (accepted.size() > REMEMBERED) {
            accepted.pollFirst();
        }
        return true;
    }

    /** Records what an instance said; a later record in the log replaces an earlier one. */
    void apply(Serving said) {
        serving.put(said.instance(), said);
    }

    ControlState latest() {
        return latest;
    }

    /** Whether the proposal at {@code offset} was accepted (it must have been read). */
    boolean accepted(long offset) {
        return accepted.contains(offset);
    }

    /** What each instance last said it serves, by instance id. */
    Map<String, Serving> serving() {
        return Map.copyOf(serving);
    }
}
