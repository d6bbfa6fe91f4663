package io.orderplatform.saga.adapter.http;

import io.orderplatform.http.problem.Problems;
import io.orderplatform.kafka.deadletter.DeadLetterAdmin;
import io.orderplatform.schemas.catalog.Topics;
import java.util.List;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The saga's dead letters: {@code GET /admin/dead-letters/{topic}} lists what could not be read or
 * applied from one of its input topics, with the reasons; {@code POST .../redrive} sends what was not
 * redriven yet back to that topic, once the cause is fixed.
 */
@RestController
public class DeadLetterController {

    /** The topics the saga reads; their dead letters are the saga's to show and redrive. */
    static final Set<String> INPUTS = Set.of(Topics.ORDERS_EVENTS.name(), Topics.FULFILLMENT_REPLIES.name());

    private final DeadLetterAdmin deadLetters;

    public DeadLetterController(DeadLetterAdmin deadLetters) {
        this.deadLetters = deadLetters;
    }

    @GetMapping(path = "/admin/dead-letters/{topic}", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> list(@PathVariable String topic) {
        if (!INPUTS.contains(topic)) {
            return notAnInput(topic);
        }
        List<DeadLetterAdmin.DeadLetter> letters = deadLetters.list(topic);
        return ResponseEntity.ok(letters);
    }

    @PostMapping(path = "/admin/dead-letters/{topic}/redrive", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> redrive(@PathVariable String topic) {
        if (!INPUTS.contains(topic)) {
            return notAnInput(topic);
        }
        return ResponseEntity.ok(deadLetters.redrive(topic));
    }

    private static ResponseEntity<?> notAnInput(String topic) {
        return Problems.response(Problems.problem(
                HttpStatus.NOT_FOUND,
                "not-found",
                "Not Found",
                topic + " is not read by the saga; its inputs are " + INPUTS));
    }
}
