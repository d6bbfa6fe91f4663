package io.orderplatform.kafka.topics;

import io.orderplatform.schemas.catalog.Topics;
import org.springframework.boot.autoconfigure.condition.ConditionOutcome;
import org.springframework.boot.autoconfigure.condition.SpringBootCondition;
import org.springframework.context.annotation.ConditionContext;
import org.springframework.core.type.AnnotatedTypeMetadata;

/** Matches a service ({@code spring.application.name}) that the topic catalog names as a consumer. */
class CatalogConsumerCondition extends SpringBootCondition {

    @Override
    public ConditionOutcome getMatchOutcome(ConditionContext context, AnnotatedTypeMetadata metadata) {
        String service = context.getEnvironment().getProperty("spring.application.name", "");
        return Topics.consumer(service).isPresent()
                ? ConditionOutcome.match(service + " is a consumer of the topic catalog")
                : ConditionOutcome.noMatch(service + " is not a consumer of the topic catalog");
    }
}
