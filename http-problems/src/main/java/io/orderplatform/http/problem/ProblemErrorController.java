package io.orderplatform.http.problem;

import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * Boot's error endpoint, for errors raised outside Spring MVC's handlers (in a servlet filter, or by
 * the container): answers with a problem for every Accept header instead of Boot's own error body or
 * HTML page.
 */
@RestController
public class ProblemErrorController implements org.springframework.boot.webmvc.error.ErrorController {

    @RequestMapping("${server.error.path:/error}")
    public ResponseEntity<ProblemDetail> error(HttpServletRequest request) {
        Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
        if (code == null) {
            // Asked for directly, not forwarded an error: there is no such resource.
            return Problems.response(Problems.problem(
                    HttpStatus.NOT_FOUND,
                    "not-found",
                    "No such resource",
                    "No resource at " + request.getRequestURI()));
        }
        HttpStatus status = code instanceof Integer value && HttpStatus.resolve(value) != null
                ? HttpStatus.valueOf(value)
                : HttpStatus.INTERNAL_SERVER_ERROR;
        String detail = status.is5xxServerError() ? "The request could not be completed." : status.getReasonPhrase();
        return Problems.response(Problems.problem(status, "http-" + status.value(), status.getReasonPhrase(), detail));
    }
}
