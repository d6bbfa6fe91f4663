package io.orderplatform.projection.query;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.orderplatform.http.problem.Problems;
import io.orderplatform.schemas.json.ContractJson;
import io.orderplatform.streams.query.ScanResult;
import io.orderplatform.streams.web.QueryResponses;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/**
 * How the query API answers what only the projections have: pages of lists, and bad query parameters as
 * {@code 400} problems. Views and the router's refusals are answered by {@link QueryResponses}.
 */
@RestControllerAdvice(basePackages = "io.orderplatform.projection")
public class ViewResponses {

    private static final ObjectMapper JSON = ContractJson.mapper();

    /** A page of a scan: {@code {"items": [...], "nextPageToken": "..."|null}}. */
    static ResponseEntity<byte[]> page(ScanResult found, int pageSize) {
        List<Object> items = new ArrayList<>();
        String lastKey = null;
        for (Map.Entry<String, ?> view :
                found.views().subList(0, Math.min(pageSize, found.views().size()))) {
            items.add(view.getValue());
            lastKey = view.getKey();
        }
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("items", items);
        body.put("nextPageToken", found.views().size() > pageSize ? QueryParameters.pageToken(lastKey) : null);
        return json(body, found.lag());
    }

    static ResponseEntity<byte[]> json(Object body, Long lag) {
        try {
            return QueryResponses.json(JSON.writeValueAsBytes(body), lag);
        } catch (IOException e) {
            throw new IllegalStateException("cannot write an answer", e);
        }
    }

    @ExceptionHandler(BadQueryException.class)
    ResponseEntity<ProblemDetail> badQuery(BadQueryException e) {
        ProblemDetail problem = Problems.problem(HttpStatus.BAD_REQUEST, "validation", "Bad Request", e.getMessage());
        problem.setProperty("errors", List.of(Map.of("field", e.parameter(), "message", e.getMessage())));
        return Problems.response(problem);
    }
}
