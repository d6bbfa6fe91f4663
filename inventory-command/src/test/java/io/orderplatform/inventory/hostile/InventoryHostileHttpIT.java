package io.orderplatform.inventory.hostile;

import io.orderplatform.inventory.InventoryCommandApplication;
import io.orderplatform.runtime.test.RunningService;
import io.orderplatform.runtime.test.hostile.HostileHttpProperties;
import java.util.List;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;

/** inventory-command under hostile HTTP input: no 5xx, problems only, no effect unless accepted. */
class InventoryHostileHttpIT extends HostileHttpProperties {

    private static RunningService service;

    @BeforeContainer
    static void startService() {
        service = RunningService.start(InventoryCommandApplication.class);
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
        return List.of("/products", "/products", "/products/{id}/restock", "/products/SKU-H/restock");
    }

    @Override
    protected List<String> validBodies() {
        return List.of(
                "{\"sku\": \"SKU-H\", \"name\": \"Hostile mug\", \"initialQuantity\": 5}",
                "{\"sku\": \"SKU-X\", \"name\": \"n\", \"initialQuantity\": 0}",
                "{\"quantity\": 3}");
    }
}
