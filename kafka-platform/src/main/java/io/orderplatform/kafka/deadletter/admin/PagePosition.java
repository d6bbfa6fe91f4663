package io.orderplatform.kafka.deadletter.admin;

import static java.nio.charset.StandardCharsets.UTF_8;

import java.util.Base64;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Where a page of dead letters starts: a partition and an offset of the dead-letter topic. Dead
 * letters are listed by partition, then offset, and offsets never move, so a page token names the same
 * place however many dead letters arrive or are redriven meanwhile.
 */
public record PagePosition(int partition, long offset) {

    private static final Pattern TOKEN = Pattern.compile("(\\d{1,9})-(\\d{1,18})");

    /** The opaque page token of this position. */
    public String token() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString((partition + "-" + offset).getBytes(UTF_8));
    }

    /** The position a token this API gave out names; empty if it is not such a token. */
    public static Optional<PagePosition> ofToken(String token) {
        try {
            Matcher position = TOKEN.matcher(new String(Base64.getUrlDecoder().decode(token), UTF_8));
            if (!position.matches()) {
                return Optional.empty();
            }
            return Optional.of(
                    new PagePosition(Integer.parseInt(position.group(1)), Long.parseLong(position.group(2))));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
