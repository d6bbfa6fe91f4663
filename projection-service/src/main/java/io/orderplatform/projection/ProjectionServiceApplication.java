package io.orderplatform.projection;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/** The projection service: read models of orders, stock and sales on Kafka Streams, and their query API. */
@SpringBootApplication
@PropertySource("classpath:projection-service.properties")
public class ProjectionServiceApplication {

    public static void main(String[] args) {
        SpringApplication.run(ProjectionServiceApplication.class, args);
    }
}
