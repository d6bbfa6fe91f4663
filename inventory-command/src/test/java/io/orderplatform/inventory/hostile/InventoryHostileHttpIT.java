package io.orderplatform.inventory.hostile;

import io.orderplatform.inventory.InventoryCommandApplication;
import io.orderplatform.runtime.test.SharedInfrastructureInitializer;
import io.orderplatform.runtime.test.hostile.HostileHttpProperties;
import java.util.List;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** inventory-command under hostile HTTP input: no 5xx, problems only, no effect unless accepted. */
class InventoryHostileHttpIT extends HostileHttpProperties {

    private static ConfigurableApplicationContext service;
    private static JdbcTemplate jdbc;
    private static int port;

    @BeforeContainer
    static void startService() {
        service = new SpringApplicationBuilder(InventoryCommandApplication.class)
                .initializers(new SharedInfrastructureInitializer())
                .run("--server.port=0");
        port = ((WebServerApplicationContext) service).getWebServer().getPort();
        jdbc = service.getBean(JdbcTemplate.class);
    }

    @AfterContainer
    static void stopService() {
        service.close();
    }

    @Override
    protected int port() {
        return port;
    }

    @Override
    protected List<String> commandPaths() {
        return List.of("/products", "/products", "/products/{id}/restock", "/products/SKU-H/restock");
    }

    @Override
    protected List<String> validBodies() {
        return List.of(
                "{\"sku\": \"SKU-H\", \"name\": \"Hostile mug\", \"initialQuantity\": 5}",
                "{\"sku\": \"SKU-X\", \"name\": \"n\", \"initialQuantity\": 0}",
                "{\"quantity\": 3}");
    }

    @Override
    protected long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }
}
