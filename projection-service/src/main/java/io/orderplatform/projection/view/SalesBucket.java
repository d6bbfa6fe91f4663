package io.orderplatform.projection.view;

import com.fasterxml.jackson.annotation.JsonFormat;
import com.fasterxml.jackson.annotation.JsonIgnore;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Confirmed sales of one SKU in one currency during one hour (a tumbling window, by the time of the
 * confirmation). An order cancelled after its confirmation is taken out of the hour it was counted in.
 *
 * @param hour the start of the hour, UTC
 */
public record SalesBucket(
        Instant hour,
        String sku,
        String currency,
        long units,
        @JsonFormat(shape = JsonFormat.Shape.STRING) BigDecimal revenue) {

    public static SalesBucket empty(Instant hour, String sku, String currency) {
        return new SalesBucket(hour, sku, currency, 0, BigDecimal.ZERO);
    }

    /** The start of the hour {@code time} falls in. */
    public static Instant hourOf(Instant time) {
        return time.truncatedTo(ChronoUnit.HOURS);
    }

    /**
     * The store key: hour first, so that a range of hours is one range scan; an ISO-8601 instant of
     * whole seconds sorts as text in time order.
     */
    public static String key(Instant hour, String sku, String currency) {
        return hour + "|" + sku + "|" + currency;
    }

    @JsonIgnore
    public String key() {
        return key(hour, sku, currency);
    }

    public SalesBucket plus(long moreUnits, BigDecimal moreRevenue) {
        return new SalesBucket(hour, sku, currency, units + moreUnits, revenue.add(moreRevenue));
    }

    @JsonIgnore
    public boolean isEmpty() {
        return units == 0 && revenue.signum() == 0;
    }
}
