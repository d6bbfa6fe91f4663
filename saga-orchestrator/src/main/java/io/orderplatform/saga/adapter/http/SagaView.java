package io.orderplatform.saga.adapter.http;

import io.orderplatform.saga.domain.SagaState;
import io.orderplatform.saga.domain.SagaStatus;
import io.orderplatform.saga.domain.StepRun;
import io.orderplatform.saga.domain.Transition;
import java.util.List;

/**
 * A saga as {@code GET /sagas/{orderId}} shows it.
 *
 * @param failure why it compensates or compensated after a failure; null otherwise
 * @param cancelled whether the order was cancelled while the saga ran or after
 * @param steps every command sent: step, target, command id, status, attempts and timestamps
 * @param history what happened, in order
 */
public record SagaView(
        String orderId,
        SagaStatus status,
        String failure,
        boolean cancelled,
        List<StepRun> steps,
        List<Transition> history) {

    static SagaView of(SagaState saga) {
        return new SagaView(
                saga.orderId(), saga.status(), saga.failure(), saga.cancelled(), saga.runs(), saga.history());
    }
}
