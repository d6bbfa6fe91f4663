package io.orderplatform.schemas.catalog;

import io.orderplatform.schemas.fulfillment.CommandReply;
import io.orderplatform.schemas.fulfillment.FulfillmentContracts;
import io.orderplatform.schemas.inventory.InventoryContracts;
import io.orderplatform.schemas.inventory.InventoryEvent;
import io.orderplatform.schemas.inventory.ReservationCommand;
import io.orderplatform.schemas.orders.OrderCommand;
import io.orderplatform.schemas.orders.OrderContracts;
import io.orderplatform.schemas.orders.OrderEvent;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The catalog of every topic of the platform: the public contract for consumers.
 *
 * <p>Event topics keep their history forever: they are the replay source from which projections
 * are rebuilt; their only writer is their command service's relay. Command, reply, dead-letter and
 * retry topics are time-bounded. Every consumer owns its dead letters ({@code <consumer>.<topic>.dlq})
 * and a retry topic ({@code <consumer>.retry}) that a redrive writes to instead of the source. Topics
 * are created from this catalog at start-up, idempotently.
 */
public final class Topics {

    /** Default partition count: the ceiling of parallel consumers per group. */
    public static final int PARTITIONS = 6;

    private static final Map<String, String> KEEP_FOREVER =
            Map.of("retention.ms", "-1", "retention.bytes", "-1", "cleanup.policy", "delete");
    private static final Map<String, String> KEEP_A_WEEK =
            Map.of("retention.ms", String.valueOf(7L * 24 * 60 * 60 * 1000), "cleanup.policy", "delete");
    private static final Map<String, String> KEEP_A_MONTH =
            Map.of("retention.ms", String.valueOf(30L * 24 * 60 * 60 * 1000), "cleanup.policy", "delete");

    /** Order events keyed by order id, written by order-command's relay. */
    public static final ContractTopic<OrderEvent> ORDERS_EVENTS =
            ContractTopic.of("orders.events", OrderContracts.EVENTS, PARTITIONS, KEEP_FOREVER);

    /** Inventory events keyed by SKU, written by inventory-command's relay. */
    public static final ContractTopic<InventoryEvent> INVENTORY_EVENTS =
            ContractTopic.of("inventory.events", InventoryContracts.EVENTS, PARTITIONS, KEEP_FOREVER);

    /** Commands to orders (confirm, reject) keyed by order id, sent by the fulfillment saga. */
    public static final ContractTopic<OrderCommand> ORDERS_COMMANDS =
            ContractTopic.of("orders.commands", OrderContracts.COMMANDS, PARTITIONS, KEEP_A_WEEK);

    /** Commands to inventory (reserve, release) keyed by SKU, sent by the fulfillment saga. */
    public static final ContractTopic<ReservationCommand> INVENTORY_COMMANDS =
            ContractTopic.of("inventory.commands", InventoryContracts.COMMANDS, PARTITIONS, KEEP_A_WEEK);

    /** Every command service's answer to every command, keyed by order id. */
    public static final ContractTopic<CommandReply> FULFILLMENT_REPLIES =
            ContractTopic.of("fulfillment.replies", FulfillmentContracts.REPLIES, PARTITIONS, KEEP_A_WEEK);

    /** The fulfillment saga: gives up on order events and replies it cannot read or apply. */
    public static final ConsumerTopics SAGA_ORCHESTRATOR =
            consumer("saga-orchestrator", ORDERS_EVENTS, FULFILLMENT_REPLIES);

    /** The read models: give up on order and inventory events they cannot read or apply. */
    public static final ConsumerTopics PROJECTION_SERVICE =
            consumer("projection-service", ORDERS_EVENTS, INVENTORY_EVENTS);

    /** order-command's intake: gives up on order commands it cannot read or execute. */
    public static final ConsumerTopics ORDER_COMMAND = consumer("order-command", ORDERS_COMMANDS);

    /** inventory-command's intake: gives up on stock commands it cannot read or execute. */
    public static final ConsumerTopics INVENTORY_COMMAND = consumer("inventory-command", INVENTORY_COMMANDS);

    private Topics() {}

    /** Every consumer that owns dead letters, by service. */
    public static List<ConsumerTopics> consumers() {
        return List.of(SAGA_ORCHESTRATOR, PROJECTION_SERVICE, ORDER_COMMAND, INVENTORY_COMMAND);
    }

    /** The topics {@code service} owns as a consumer, if it is one. */
    public static Optional<ConsumerTopics> consumer(String service) {
        return consumers().stream()
                .filter(consumer -> consumer.consumer().equals(service))
                .findFirst();
    }

    /** Every topic of the platform, in the order they are created. */
    public static List<Topic<?, ?>> all() {
        List<Topic<?, ?>> all = new ArrayList<>(
                List.of(ORDERS_EVENTS, INVENTORY_EVENTS, ORDERS_COMMANDS, INVENTORY_COMMANDS, FULFILLMENT_REPLIES));
        consumers().forEach(consumer -> all.addAll(consumer.topics()));
        return List.copyOf(all);
    }

    /**
     * A consumer's own topics: its dead letters of each source, kept a month for operators to inspect,
     * redrive or discard; its retry topic, kept a week like the commands.
     */
    private static ConsumerTopics consumer(String service, ContractTopic<?>... sources) {
        return ConsumerTopics.of(service, KEEP_A_MONTH, KEEP_A_WEEK, List.of(sources));
    }
}
