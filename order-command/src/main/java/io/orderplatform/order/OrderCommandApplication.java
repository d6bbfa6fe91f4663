package io.orderplatform.order;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/** The order command service: HTTP and Kafka commands for orders, their event store and relay. */
@SpringBootApplication
@PropertySource("classpath:order-command.properties")
public class OrderCommandApplication {

    public static void main(String[] args) {
        SpringApplication.run(OrderCommandApplication.class, args);
    }
}
