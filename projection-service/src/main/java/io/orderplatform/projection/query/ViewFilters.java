package io.orderplatform.projection.query;

import io.orderplatform.projection.streams.ProjectionTopology;
import io.orderplatform.projection.view.OrderStatus;
import io.orderplatform.projection.view.OrderView;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.Predicate;

/** The filters a list accepts, read from its parameters, so that every instance applies the same test. */
final class ViewFilters {

    static final String CUSTOMER_ID = "customerId";
    static final String STATUS = "status";

    private ViewFilters() {}

    /** The filters that are set, by name. */
    static Map<String, String> orders(String customerId, String status) {
        Map<String, String> filters = new LinkedHashMap<>();
        if (customerId != null && !customerId.isEmpty()) {
            filters.put(CUSTOMER_ID, customerId);
        }
        if (status != null && !status.isEmpty()) {
            filters.put(STATUS, status);
        }
        return filters;
    }

    /** The test a view of {@code store} must pass. */
    static Predicate<Object> of(String store, Map<String, String> filters) {
        if (!store.equals(ProjectionTopology.ORDERS)) {
            return view -> true;
        }
        String customerId = filters.get(CUSTOMER_ID);
        OrderStatus status = status(filters.get(STATUS));
        return view -> view instanceof OrderView order
                && (customerId == null || customerId.equals(order.customerId()))
                && (status == null || status == order.status());
    }

    private static OrderStatus status(String value) {
        if (value == null) {
            return null;
        }
        try {
            return OrderStatus.valueOf(value);
        } catch (IllegalArgumentException e) {
            throw new BadQueryException(STATUS, "status must be one of PENDING, CONFIRMED, REJECTED, CANCELLED");
        }
    }
}
