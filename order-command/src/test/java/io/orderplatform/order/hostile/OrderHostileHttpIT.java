package io.orderplatform.order.hostile;

import io.orderplatform.order.OrderCommandApplication;
import io.orderplatform.runtime.test.RunningService;
import io.orderplatform.runtime.test.hostile.HostileHttpProperties;
import java.util.List;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** order-command under hostile HTTP input: no 5xx, problems only, no effect unless accepted. */
class OrderHostileHttpIT extends HostileHttpProperties {

    private static RunningService service;

    @BeforeContainer
    static void startService() {
        service = RunningService.start(OrderCommandApplication.class);
    }

    @AfterContainer
    static void stopService() {
        service.close();
    }

    @Override
    protected int port() {
        return service.port();
    }

    @Override
    protected long events() {
        return service.events();
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
}
