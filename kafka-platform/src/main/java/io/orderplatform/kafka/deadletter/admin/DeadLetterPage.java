package io.orderplatform.kafka.deadletter.admin;

import java.util.List;

/**
 * A page of dead letters, by partition then offset.
 *
 * @param nextPageToken where the next page starts; null on the last page
 */
public record DeadLetterPage(List<DeadLetter> items, String nextPageToken) {

    public DeadLetterPage {
        items = List.copyOf(items);
    }
}
