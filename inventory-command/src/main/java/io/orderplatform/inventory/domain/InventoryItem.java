package io.orderplatform.inventory.domain;

import static org.axonframework.modelling.command.AggregateLifecycle.apply;

import com.fasterxml.jackson.annotation.JsonAutoDetect;
import io.orderplatform.schemas.inventory.AddStock;
import io.orderplatform.schemas.inventory.InventoryEvent;
import io.orderplatform.schemas.inventory.ProductRegistered;
import io.orderplatform.schemas.inventory.RegisterProduct;
import io.orderplatform.schemas.inventory.ReleaseStock;
import io.orderplatform.schemas.inventory.ReserveStock;
import io.orderplatform.schemas.inventory.StockAdded;
import io.orderplatform.schemas.inventory.StockReleased;
import io.orderplatform.schemas.inventory.StockReservationRejected;
import io.orderplatform.schemas.inventory.StockReservationRejected.RejectionReason;
import io.orderplatform.schemas.inventory.StockReserved;
import java.time.Clock;
import java.util.HashMap;
import java.util.Map;
import org.axonframework.commandhandling.CommandHandler;
import org.axonframework.eventsourcing.EventSourcingHandler;
import org.axonframework.messaging.annotation.MetaDataValue;
import org.axonframework.modelling.command.AggregateCreationPolicy;
import org.axonframework.modelling.command.AggregateIdentifier;
import org.axonframework.modelling.command.CreationPolicy;

/**
 * The stock of one product (SKU), event-sourced: units available and units reserved for orders.
 *
 * <p>Stock is never negative, and {@code available + reserved} only changes by registering and
 * restocking. Reservations are per order: reserving for an order that was already answered gives
 * the same answer again without a new event, and releasing gives back exactly what that order holds
 * (nothing held: nothing to do). So commands redelivered by Kafka or resent by the saga are harmless.
 *
 * <p>Its fields are its snapshot: stored as JSON, so that loading a product with a long history
 * replays only the events after its last snapshot.
 */
@JsonAutoDetect(fieldVisibility = JsonAutoDetect.Visibility.ANY, getterVisibility = JsonAutoDetect.Visibility.NONE)
public class InventoryItem {

    /** Command metadata key: the version the client expects the product to be at (HTTP If-Match). */
    public static final String EXPECTED_VERSION = "expectedVersion";

    /** Upper bound of a product's total stock, so that counts never overflow. */
    public static final int MAX_STOCK = 1_000_000_000;

    @AggregateIdentifier
    private String sku;

    private boolean registered;
    private int available;
    private int reserved;
    private long version;
    private final Map<String, Holding> holdings = new HashMap<>();

    /** What one order asked of this product, and how it was answered. */
    private record Holding(int quantity, ReservationAnswer answer, boolean released) {}

    protected InventoryItem() {}

    @CommandHandler
    @CreationPolicy(AggregateCreationPolicy.CREATE_IF_MISSING)
    public ProductState handle(RegisterProduct command, Clock clock) {
        if (registered) {
            throw new ProductAlreadyRegistered(command.sku());
        }
        if (command.initialQuantity() < 0 || command.initialQuantity() > MAX_STOCK) {
            throw new InvalidInventoryCommand("initial quantity must be between 0 and " + MAX_STOCK);
        }
        apply(new ProductRegistered(
                command.sku(),
                command.name(),
                command.initialQuantity(),
                command.initialQuantity(),
                0,
                clock.instant()));
        return state();
    }

    @CommandHandler
    public ProductState handle(AddStock command, @MetaDataValue(EXPECTED_VERSION) Long expectedVersion, Clock clock) {
        if (expectedVersion != null && expectedVersion != version) {
            throw new StaleProductVersion(sku, expectedVersion, version);
        }
        if (command.quantity() < 1) {
            throw new InvalidInventoryCommand("restocking needs at least 1 unit");
        }
        if ((long) available + reserved + command.quantity() > MAX_STOCK) {
            throw new InvalidInventoryCommand("product " + sku + " would hold more than " + MAX_STOCK + " units");
        }
        apply(new StockAdded(sku, command.quantity(), available + command.quantity(), reserved, clock.instant()));
        return state();
    }

    @CommandHandler
    public ReservationAnswer handle(ReserveStock command, Clock clock) {
        Holding earlier = holdings.get(command.orderId());
        if (earlier != null) {
            return earlier.answer();
        }
        if (command.quantity() < 1) {
            throw new InvalidInventoryCommand("a reservation needs at least 1 unit");
        }
        if (command.quantity() > available) {
            apply(new StockReservationRejected(
                    sku,
                    command.orderId(),
                    command.quantity(),
                    RejectionReason.INSUFFICIENT_STOCK,
                    available,
                    reserved,
                    clock.instant()));
        } else {
            apply(new StockReserved(
                    sku,
                    command.orderId(),
                    command.quantity(),
                    available - command.quantity(),
                    reserved + command.quantity(),
                    clock.instant()));
        }
        return holdings.get(command.orderId()).answer();
    }

    @CommandHandler
    public void handle(ReleaseStock command, Clock clock) {
        Holding holding = holdings.get(command.orderId());
        if (holding == null || !holding.answer().reserved() || holding.released()) {
            return;
        }
        apply(new StockReleased(
                sku,
                command.orderId(),
                holding.quantity(),
                available + holding.quantity(),
                reserved - holding.quantity(),
                clock.instant()));
    }

    @EventSourcingHandler
    void on(InventoryEvent event) {
        version++;
        available = event.available();
        reserved = event.reserved();
        switch (event) {
            case ProductRegistered registration -> {
                sku = registration.sku();
                registered = true;
            }
            case StockAdded added -> {}
            case StockReserved reservation ->
                holdings.put(
                        reservation.orderId(), new Holding(reservation.quantity(), ReservationAnswer.RESERVED, false));
            case StockReservationRejected rejection ->
                holdings.put(
                        rejection.orderId(),
                        new Holding(rejection.quantity(), ReservationAnswer.refused(refusal(rejection)), false));
            case StockReleased release ->
                holdings.computeIfPresent(
                        release.orderId(), (order, held) -> new Holding(held.quantity(), held.answer(), true));
        }
    }

    private static String refusal(StockReservationRejected rejection) {
        return rejection.reason() + ": " + rejection.sku() + " has " + rejection.available() + " available, "
                + rejection.quantity() + " asked";
    }

    private ProductState state() {
        return new ProductState(sku, version);
    }
}
