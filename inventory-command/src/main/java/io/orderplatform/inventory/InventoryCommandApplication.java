package io.orderplatform.inventory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.context.annotation.PropertySource;

/** The inventory command service: products and stock reservations, their event store and relay. */
@SpringBootApplication
@PropertySource("classpath:inventory-command.properties")
public class InventoryCommandApplication {

    public static void main(String[] args) {
        SpringApplication.run(InventoryCommandApplication.class, args);
    }
}
