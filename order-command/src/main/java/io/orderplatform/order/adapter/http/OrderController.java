package io.orderplatform.order.adapter.http;

import io.orderplatform.order.application.OrderCommands;
import io.orderplatform.order.domain.OrderState;
import io.orderplatform.runtime.admission.AdmissionControl;
import io.orderplatform.runtime.admission.AdmissionRefusedException;
import io.orderplatform.runtime.axon.CommandOrigin;
import io.orderplatform.runtime.http.CommandResponse;
import io.orderplatform.runtime.http.IdempotentCommands;
import io.orderplatform.runtime.http.IfMatch;
import io.orderplatform.schemas.orders.CancelOrder;
import io.orderplatform.schemas.orders.PlaceOrder;
import io.swagger.v3.oas.annotations.Operation;
import io.swagger.v3.oas.annotations.Parameter;
import io.swagger.v3.oas.annotations.media.Content;
import io.swagger.v3.oas.annotations.media.Schema;
import java.util.Optional;
import java.util.UUID;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/**
 * HTTP commands for orders. Bodies are read as text and checked strictly by the request readers,
 * so that every input rule answers with a field-level problem and nothing is written on refusal.
 * A new order is refused with 503 while the fulfillment path is behind (see {@link AdmissionControl});
 * a repeat of one accepted before still gets its answer. A cancel is always admitted: it frees stock.
 */
@RestController
public class OrderController {

    private final OrderCommands orders;
    private final IdempotentCommands idempotent;
    private final AdmissionControl admission;

    public OrderController(OrderCommands orders, IdempotentCommands idempotent, AdmissionControl admission) {
        this.orders = orders;
        this.idempotent = idempotent;
        this.admission = admission;
    }

    @Operation(
            summary = "Place an order",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            content = @Content(schema = @Schema(implementation = PlaceOrderRequest.class))))
    @PostMapping(
            path = "/orders",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> place(
            @RequestBody String body,
            @RequestHeader(name = IdempotentCommands.KEY_HEADER, required = false) String idempotencyKey,
            @Parameter(hidden = true) CommandOrigin origin) {
        PlaceOrder command =
                PlaceOrderRequestReader.read(body, UUID.randomUUID().toString());
        Optional<AdmissionRefusedException> refusal = admission.refusal();
        if (refusal.isPresent()) {
            return idempotent.replay(idempotencyKey, "POST", "/orders", body).orElseThrow(refusal::get);
        }
        return idempotent.execute(
                idempotencyKey, "POST", "/orders", body, () -> accepted(orders.place(command, origin), origin));
    }

    @Operation(
            summary = "Cancel an order that is pending or confirmed",
            requestBody =
                    @io.swagger.v3.oas.annotations.parameters.RequestBody(
                            required = false,
                            content = @Content(schema = @Schema(implementation = CancelOrderRequest.class))))
    @PostMapping(
            path = "/orders/{orderId}/cancel",
            consumes = MediaType.APPLICATION_JSON_VALUE,
            produces = MediaType.APPLICATION_JSON_VALUE)
    public ResponseEntity<String> cancel(
            @PathVariable String orderId,
            @RequestBody(required = false) String body,
            @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
            @RequestHeader(name = IdempotentCommands.KEY_HEADER, required = false) String idempotencyKey,
            @Parameter(hidden = true) CommandOrigin origin) {
        CancelOrder command = CancelOrderRequestReader.read(orderId, body);
        Long expectedVersion = IfMatch.expectedVersion(ifMatch);
        return idempotent.execute(
                idempotencyKey,
                "POST",
                "/orders/" + orderId + "/cancel",
                (ifMatch == null ? "" : ifMatch) + "\n" + (body == null ? "" : body),
                () -> accepted(orders.cancel(command, expectedVersion, origin), origin));
    }

    private static CommandResponse accepted(OrderState state, CommandOrigin origin) {
        return CommandResponse.of(
                HttpStatus.ACCEPTED,
                "/orders/" + state.orderId(),
                state.version(),
                origin,
                new OrderAccepted(state.orderId(), state.status().name(), state.version()));
    }

    /** The answer to an accepted command. */
    record OrderAccepted(String orderId, String status, long version) {}

    /** Documentation of the {@code POST /orders} body; the reader enforces it. */
    record PlaceOrderRequest(
            @Schema(example = "c-1", pattern = "[A-Za-z0-9._:-]{1,64}")
            String customerId,

            @Schema(example = "EUR", pattern = "[A-Z]{3}") String currency,
            @Schema(minLength = 1, maxLength = 100) java.util.List<LineRequest> lines) {}

    /** Documentation of one order line. */
    record LineRequest(
            @Schema(example = "SKU-1", pattern = "[A-Za-z0-9._-]{1,64}")
            String sku,

            @Schema(minimum = "1", maximum = "10000") int quantity,

            @Schema(example = "19.99", description = "decimal string, > 0, <= 1000000, at most 2 decimals")
            String unitPrice) {}

    /** Documentation of the optional cancel body. */
    record CancelOrderRequest(@Schema(maxLength = 500) String reason) {}
}
