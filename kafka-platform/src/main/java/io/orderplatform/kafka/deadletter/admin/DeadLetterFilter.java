package io.orderplatform.kafka.deadletter.admin;

import java.util.Locale;

/**
 * Which dead letters a list, redrive or discard takes; a null criterion takes every one.
 *
 * @param key the record key, exactly
 * @param errorClass the root cause's class, fully qualified or simple name
 * @param contains text anywhere in the reason, a header or the payload, ignoring case
 * @param redriven whether it was redriven
 * @param discarded whether it was discarded
 */
public record DeadLetterFilter(String key, String errorClass, String contains, Boolean redriven, Boolean discarded) {

    /** Takes every dead letter. */
    public static final DeadLetterFilter ANY = new DeadLetterFilter(null, null, null, null, null);

    public boolean matches(DeadLetter letter) {
        return (key == null || key.equals(letter.key()))
                && (errorClass == null || isClass(letter.errorClass()))
                && (contains == null || mentions(letter))
                && (redriven == null || redriven == letter.redriven())
                && (discarded == null || discarded == letter.discarded());
    }

    private boolean isClass(String name) {
        return name != null && (name.equals(errorClass) || name.endsWith("." + errorClass));
    }

    private boolean mentions(DeadLetter letter) {
        String text = contains.toLowerCase(Locale.ROOT);
        return has(letter.reason(), text)
                || has(letter.payload(), text)
                || letter.headers().values().stream().anyMatch(value -> has(value, text));
    }

    private static boolean has(String value, String text) {
        return value != null && value.toLowerCase(Locale.ROOT).contains(text);
    }
}
