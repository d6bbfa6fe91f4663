package io.orderplatform.kafka.logging;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.Arrays;
import org.slf4j.Marker;

/**
 * Drops the producer's WARN about a write it retries because the transaction before it is still being
 * completed ({@code CONCURRENT_TRANSACTIONS}). Under exactly-once the next transaction's first write
 * often meets the markers of the last one: the producer retries it within milliseconds, and nothing is
 * wrong. It was most of the services' log under load (about 9,000 lines in fifteen minutes of a cluster
 * mode chaos run). Every other error of the producer, retried or not, is still logged.
 */
public final class RoutineRetryLogFilter extends TurboFilter {

    static final String SENDER = "org.apache.kafka.clients.producer.internals.Sender";
    static final String RETRIED_ERROR = "CONCURRENT_TRANSACTIONS";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
        if (level != Level.WARN
                || logger == null
                || !SENDER.equals(logger.getName())
                || format == null
                || !format.contains("retrying")) {
            return FilterReply.NEUTRAL;
        }
        // Kafka's own loggers format the message before they log it (no parameters reach Logback).
        boolean routine = format.contains("Error: " + RETRIED_ERROR)
                || (params != null
                        && Arrays.stream(params)
                                .anyMatch(param -> param != null && RETRIED_ERROR.equals(param.toString())));
        return routine ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
