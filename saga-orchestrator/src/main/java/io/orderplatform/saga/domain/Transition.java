package io.orderplatform.saga.domain;

import java.time.Instant;

/** One line of a saga's history: when, and what happened. */
public record Transition(Instant at, String what) {}
