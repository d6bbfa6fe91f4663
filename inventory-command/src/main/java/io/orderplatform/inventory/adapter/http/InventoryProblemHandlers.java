package io.orderplatform.inventory.adapter.http;

import io.orderplatform.http.problem.Problems;
import io.orderplatform.inventory.domain.InvalidInventoryCommand;
import io.orderplatform.inventory.domain.ProductAlreadyRegistered;
import io.orderplatform.inventory.domain.StaleProductVersion;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ProblemDetail;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

/** Answers the inventory rules' refusals as problems: 409 for an existing product, 412 for a stale If-Match. */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
public class InventoryProblemHandlers {

    @ExceptionHandler(ProductAlreadyRegistered.class)
    public ResponseEntity<ProblemDetail> exists(ProductAlreadyRegistered e) {
        return Problems.response(Problems.problem(
                HttpStatus.CONFLICT, "product-exists", "The product is already registered", e.getMessage()));
    }

    @ExceptionHandler(StaleProductVersion.class)
    public ResponseEntity<ProblemDetail> stale(StaleProductVersion e) {
        return Problems.response(Problems.problem(
                HttpStatus.PRECONDITION_FAILED, "stale-version", "The product has moved on", e.getMessage()));
    }

    @ExceptionHandler(InvalidInventoryCommand.class)
    public ResponseEntity<ProblemDetail> invalid(InvalidInventoryCommand e) {
        return Problems.response(Problems.problem(
                HttpStatus.UNPROCESSABLE_CONTENT, "stock-rule", "The stock rules refuse this", e.getMessage()));
    }
}
