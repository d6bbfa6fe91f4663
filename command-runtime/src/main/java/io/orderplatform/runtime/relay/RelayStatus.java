package io.orderplatform.runtime.relay;

/**
 * What {@code GET /admin/relay} answers.
 *
 * @param position the global index up to which the relay has published (-1: none yet, or not known
 *     while its processor starts)
 * @param head the global index of the store's newest event (-1: the store is empty)
 * @param lag events not yet published, {@code head - position}
 * @param republishing whether a republish is under way: the relay has not yet published again
 *     everything the store held when it was asked
 * @param eventsPerSecond events published per second over the last seconds
 * @param etaSeconds when the relay will have caught up at that rate; 0 when it has, null while it
 *     publishes nothing and still lags
 */
public record RelayStatus(
        long position, long head, long lag, boolean republishing, long eventsPerSecond, Double etaSeconds) {

    static RelayStatus of(long position, long head, boolean republishing, double eventsPerSecond) {
        long lag = Math.max(0, head - position);
        Double eta =
                lag == 0 ? Double.valueOf(0) : eventsPerSecond > 0 ? Math.ceil(10 * lag / eventsPerSecond) / 10 : null;
        return new RelayStatus(position, head, lag, republishing, Math.round(eventsPerSecond), eta);
    }
}
