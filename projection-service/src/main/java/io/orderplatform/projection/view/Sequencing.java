package io.orderplatform.projection.view;

/**
 * Whether an aggregate's event, numbered {@code sequence}, may be applied to a view at
 * {@code appliedVersion}. Events of one aggregate must be applied once each and in order: the relay
 * may publish one again after a crash, a republish sends them all again, and a lost record would
 * otherwise go unnoticed.
 */
public enum Sequencing {
    /** The next event: apply it. */
    NEXT,
    /** Already applied (a repeat or an older event): skip it. */
    DUPLICATE,
    /** Events between are missing: hold it until they come. */
    GAP;

    /** @param appliedVersion the view's version, 0 if there is no view yet */
    public static Sequencing of(long appliedVersion, long sequence) {
        if (sequence <= appliedVersion) {
            return DUPLICATE;
        }
        return sequence == appliedVersion + 1 ? NEXT : GAP;
    }
}
