package io.orderplatform.saga;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/** The saga orchestrator: the fulfillment saga of every order, on Kafka Streams, and its query API. */
@SpringBootApplication
@PropertySource("classpath:saga-orchestrator.properties")
public class SagaOrchestratorApplication {

    public static void main(String[] args) {
        SpringApplication.run(SagaOrchestratorApplication.class, args);
    }
}
