package io.orderplatform.inventory;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/** The inventory command service: products and stock reservations, their event store and relay. */
@SpringBootApplication
public class InventoryCommandApplication {

    public static void main(String[] args) {
        SpringApplication.run(InventoryCommandApplication.class, args);
    }
}
