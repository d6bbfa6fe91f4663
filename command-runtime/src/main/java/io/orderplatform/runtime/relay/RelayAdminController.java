package io.orderplatform.runtime.relay;

import io.orderplatform.http.problem.Problems;
import java.net.URI;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The relay's admin API: {@code GET /admin/relay} shows where it is (position, head of the store,
 * lag, rate, whether a republish runs and when it should end); {@code POST /admin/relay/republish}
 * sends the whole event store to the topic once more (see {@link RelayRepublisher}: consumers
 * deduplicate on {@code ce_subject} and {@code ce_sequence}, so they see nothing new) and answers 202
 * at once; the republish goes on in the background. A second republish while one runs is a 409
 * problem.
 */
@RestController
public class RelayAdminController {

    private final RelayRepublisher republisher;

    public RelayAdminController(RelayRepublisher republisher) {
        this.republisher = republisher;
    }

    @GetMapping(path = "/admin/relay", produces = MediaType.APPLICATION_JSON_VALUE)
    public RelayStatus status() {
        return republisher.status();
    }

    @PostMapping(path = "/admin/relay/republish", produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<?> republish() {
        try {
            return ResponseEntity.accepted()
                    .location(URI.create("/admin/relay"))
                    .body(republisher.republish());
        } catch (RepublishRefusedException e) {
            return Problems.response(Problems.problem(HttpStatus.CONFLICT, e.problemType(), e.title(), e.getMessage()));
        }
    }
}
