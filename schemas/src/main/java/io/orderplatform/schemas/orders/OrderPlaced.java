package io.orderplatform.schemas.orders;

import com.fasterxml.jackson.annotation.JsonFormat;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** An order was placed and is PENDING; {@code total} is the exact sum of its line totals. */
public record OrderPlaced(
        String orderId,
        String customerId,
        String currency,
        List<OrderLine> lines,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal total,
        Instant placedAt)
        implements OrderEvent {

    public OrderPlaced {
        lines = List.copyOf(lines);
    }
}
