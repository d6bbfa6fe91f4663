package io.orderplatform.runtime.http;

import io.orderplatform.kafka.tracing.TraceParents;
import io.orderplatform.runtime.axon.CommandOrigin;
import io.orderplatform.schemas.envelope.CloudEventHeaders;
import io.orderplatform.schemas.envelope.MessageOrigin;
import java.util.List;
import java.util.UUID;
import org.springframework.core.MethodParameter;
import org.springframework.web.bind.support.WebDataBinderFactory;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.method.support.HandlerMethodArgumentResolver;
import org.springframework.web.method.support.ModelAndViewContainer;

/**
 * Gives a controller parameter of type {@link CommandOrigin} the identity of the HTTP request's
 * command: a new command id, the client's {@value #CORRELATION_ID_HEADER} (the flow; the command id
 * when absent) and its W3C {@code traceparent} (ignored when malformed, as W3C asks). The answer
 * names the command id in {@value CommandResponse#COMMAND_ID_HEADER}, and every event the command
 * causes carries it as {@code ce_causationid}.
 */
public class HttpCommandOrigins implements HandlerMethodArgumentResolver {

    /** Request header naming the business flow a client's command belongs to. */
    public static final String CORRELATION_ID_HEADER = "X-Correlation-Id";

    @Override
    public boolean supportsParameter(MethodParameter parameter) {
        return parameter.getParameterType() == CommandOrigin.class;
    }

    @Override
    public CommandOrigin resolveArgument(
            MethodParameter parameter,
            ModelAndViewContainer mavContainer,
            NativeWebRequest request,
            WebDataBinderFactory binderFactory) {
        String correlationId = request.getHeader(CORRELATION_ID_HEADER);
        if (correlationId != null && !PrintableId.isValid(correlationId)) {
            throw new InvalidRequestException(
                    List.of(new FieldError(CORRELATION_ID_HEADER, "must be 1 to 255 printable ASCII characters")));
        }
        String traceparent = TraceParents.validOrNull(request.getHeader(CloudEventHeaders.TRACEPARENT));
        return new CommandOrigin(UUID.randomUUID().toString(), new MessageOrigin(correlationId, null, traceparent));
    }
}
