package io.orderplatform.order.hostile;

import io.orderplatform.order.OrderCommandApplication;
import io.orderplatform.runtime.test.SharedInfrastructureInitializer;
import io.orderplatform.runtime.test.hostile.HostileHttpProperties;
import java.util.List;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.context.WebServerApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;

/** order-command under hostile HTTP input: no 5xx, problems only, no effect unless accepted. */
class OrderHostileHttpIT extends HostileHttpProperties {

    private static ConfigurableApplicationContext service;
    private static JdbcTemplate jdbc;
    private static int port;

    @BeforeContainer
    static void startService() {
        service = new SpringApplicationBuilder(OrderCommandApplication.class)
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
        return List.of("/orders", "/orders", "/orders/{id}/cancel");
    }

    @Override
    protected List<String> validBodies() {
        return List.of("""
                {"customerId": "c-1", "currency": "EUR", "lines": [{"sku": "SKU-1", "quantity": 2, "unitPrice": "19.99"}]}""", """
                {"customerId": "c-2", "currency": "USD", "lines": [{"sku": "A", "quantity": 1, "unitPrice": "0.01"},\
                 {"sku": "B", "quantity": 10000, "unitPrice": "1000000"}]}""", "{\"reason\": \"changed my mind\"}");
    }

    @Override
    protected long events() {
        return jdbc.queryForObject("SELECT count(*) FROM domain_event_entry", Long.class);
    }
}
