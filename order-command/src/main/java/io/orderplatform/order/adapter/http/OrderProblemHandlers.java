package io.orderplatform.order.adapter.http;

import io.orderplatform.http.problem.Problems;
import io.orderplatform.order.domain.InvalidOrderCommand;
import io.orderplatform.order.domain.OrderStateConflict;
import io.orderplatform.order.domain.StaleOrderVersion;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers the order rules' refusals as problems: 409 for the order's state, 412 for a stale If-Match. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class OrderProblemHandlers {

    @ExceptionHandler(OrderStateConflict.class)
    public ResponseEntity<ProblemDetail> conflict(OrderStateConflict e) {
        return Problems.response(Problems.problem(
                HttpStatus.CONFLICT, "order-state-conflict", "The order's status does not allow this", e.getMessage()));
    }

    @ExceptionHandler(StaleOrderVersion.class)
    public ResponseEntity<ProblemDetail> stale(StaleOrderVersion e) {
        return Problems.response(Problems.problem(
                HttpStatus.PRECONDITION_FAILED, "stale-version", "The order has moved on", e.getMessage()));
    }

    @ExceptionHandler(InvalidOrderCommand.class)
    public ResponseEntity<ProblemDetail> invalid(InvalidOrderCommand e) {
        return Problems.response(
                Problems.problem(HttpStatus.BAD_REQUEST, "validation", "The request is invalid", e.getMessage()));
    }
}
