package io.orderplatform.order;

import io.orderplatform.runtime.test.architecture.ServiceLayering;
import org.junit.jupiter.api.Test;

/** The domain knows nothing of infrastructure; adapters depend on the domain, never the reverse. */
class LayeringTest {

    private final ServiceLayering layering = ServiceLayering.of("io.orderplatform.order");

    @Test
    void domain_is_free_of_spring_kafka_jdbc_and_the_runtime() {
        layering.domainIsFreeOfInfrastructure();
    }

    @Test
    void domain_and_application_do_not_depend_on_adapters() {
        layering.domainAndApplicationDoNotDependOnAdapters();
    }

    @Test
    void application_is_free_of_spring_kafka_and_jdbc() {
        layering.applicationIsFreeOfSpringKafkaAndJdbc();
    }
}
