package io.orderplatform.kafka.deadletter.http;

import io.orderplatform.http.problem.Problems;
import io.orderplatform.kafka.deadletter.admin.DeadLetterAdmin;
import io.orderplatform.kafka.deadletter.admin.DeadLetterAdminException;
import io.orderplatform.kafka.deadletter.admin.DeadLetterChange;
import io.orderplatform.kafka.deadletter.admin.DeadLetterPage;
import io.orderplatform.kafka.deadletter.admin.DeadLetterTopicSummary;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The dead-letter API of a service, the same in every service that owns dead letters:
 *
 * <ul>
 *   <li>{@code GET /admin/dead-letters}: its dead-letter topics, with how many dead letters each holds,
 *       pending, redriven and discarded;
 *   <li>{@code GET /admin/dead-letters/{sourceTopic}?limit=&pageToken=&key=&errorClass=&contains=&redriven=&discarded=}:
 *       a page of the dead letters of one source topic, by partition then offset;
 *   <li>{@code POST /admin/dead-letters/{sourceTopic}/redrive}: sends a selection (see {@link SelectionBody})
 *       to the service's retry topic, each dead letter once; {@code ?dryRun=true} or {@code "dryRun": true}
 *       only says how many and which;
 *   <li>{@code POST /admin/dead-letters/{sourceTopic}/discard}: marks a selection as handled, sending nothing.
 * </ul>
 *
 * Bad input is a 400 problem, an unknown topic or dead letter a 404, a concurrent operation a 409, a
 * broker that does not answer a 503: never a 500.
 */
@RestController
@RequestMapping(path = "/admin/dead-letters", produces = MediaType.APPLICATION_JSON_VALUE)
public class DeadLetterController {

    private final DeadLetterAdmin deadLetters;

    public DeadLetterController(DeadLetterAdmin deadLetters) {
        this.deadLetters = deadLetters;
    }

    /** The consumer, its retry topic and its dead-letter topics with their counts. */
    public record Topics(String consumer, String retryTopic, List<DeadLetterTopicSummary> topics) {}

    @GetMapping
    public Topics topics() {
        return new Topics(
                deadLetters.consumer().consumer(),
                deadLetters.consumer().retry().name(),
                deadLetters.topics());
    }

    @GetMapping("/{sourceTopic}")
    public DeadLetterPage list(
            @PathVariable String sourceTopic,
            @RequestParam(required = false) String limit,
            @RequestParam(required = false) String pageToken,
            @RequestParam(required = false) String key,
            @RequestParam(required = false) String errorClass,
            @RequestParam(required = false) String contains,
            @RequestParam(required = false) String redriven,
            @RequestParam(required = false) String discarded) {
        return deadLetters.list(
                sourceTopic,
                DeadLetterQuery.filter(
                        key,
                        errorClass,
                        contains,
                        DeadLetterQuery.flag("redriven", redriven),
                        DeadLetterQuery.flag("discarded", discarded)),
                DeadLetterQuery.from(pageToken),
                DeadLetterQuery.limit(limit));
    }

    @PostMapping("/{sourceTopic}/redrive")
    public DeadLetterChange redrive(
            @PathVariable String sourceTopic,
            @RequestParam(required = false) String dryRun,
            @RequestBody(required = false) String body) {
        SelectionBody.Request request = SelectionBody.parse(body);
        return deadLetters.redrive(sourceTopic, request.selection(), dryRun(dryRun, request));
    }

    @PostMapping("/{sourceTopic}/discard")
    public DeadLetterChange discard(
            @PathVariable String sourceTopic,
            @RequestParam(required = false) String dryRun,
            @RequestBody(required = false) String body) {
        SelectionBody.Request request = SelectionBody.parse(body);
        return deadLetters.discard(sourceTopic, request.selection(), dryRun(dryRun, request));
    }

    /** A dry run if either the query or the body asks for one: when in doubt, change nothing. */
    private static boolean dryRun(String query, SelectionBody.Request body) {
        return Boolean.TRUE.equals(DeadLetterQuery.flag("dryRun", query)) || body.dryRun();
    }

    @ExceptionHandler(DeadLetterAdminException.class)
    ResponseEntity<ProblemDetail> refused(DeadLetterAdminException e) {
        ProblemDetail problem = switch (e) {
            case DeadLetterAdminException.BadRequest bad -> {
                ProblemDetail invalid =
                        Problems.problem(HttpStatus.BAD_REQUEST, "validation", "Bad Request", e.getMessage());
                invalid.setProperty("errors", List.of(Map.of("field", bad.field(), "message", e.getMessage())));
                yield invalid;
            }
            case DeadLetterAdminException.UnknownTopic unknown ->
                Problems.problem(HttpStatus.NOT_FOUND, "not-found", "No such dead-letter topic", e.getMessage());
            case DeadLetterAdminException.NoSuchDeadLetter none ->
                Problems.problem(HttpStatus.NOT_FOUND, "not-found", "No such dead letter", e.getMessage());
            case DeadLetterAdminException.Conflict conflict ->
                Problems.problem(HttpStatus.CONFLICT, "conflict", "Changed meanwhile", e.getMessage());
            case DeadLetterAdminException.Unavailable unavailable ->
                Problems.problem(HttpStatus.SERVICE_UNAVAILABLE, "unavailable", "Kafka did not answer", e.getMessage());
        };
        ResponseEntity.BodyBuilder answer =
                ResponseEntity.status(problem.getStatus()).contentType(MediaType.APPLICATION_PROBLEM_JSON);
        if (e instanceof DeadLetterAdminException.Unavailable) {
            answer.header("Retry-After", "5");
        }
        return answer.body(problem);
    }
}
