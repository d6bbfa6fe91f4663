package io.orderplatform.schemas.catalog;

import io.orderplatform.schemas.fulfillment.CommandReply;
import io.orderplatform.schemas.fulfillment.FulfillmentContracts;
import io.orderplatform.schemas.inventory.InventoryContracts;
import io.orderplatform.schemas.inventory.InventoryEvent;
import io.orderplatform.schemas.inventory.ReservationCommand;
import io.orderplatform.schemas.orders.OrderCommand;
import io.orderplatform.schemas.orders.OrderContracts;
import io.orderplatform.schemas.orders.OrderEvent;
import java.util.List;
import java.util.Map;

/**
 * The catalog of every topic of the platform: the public contract for consumers.
 *
 * <p>Event topics keep their history forever: they are the replay source from which projections
 * are rebuilt. Command, reply and dead-letter topics are time-bounded. Topics are created from
 * this catalog at start-up, idempotently.
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

    public static final DeadLetterTopic ORDERS_COMMANDS_DLQ = deadLetters(ORDERS_COMMANDS);
    public static final DeadLetterTopic INVENTORY_COMMANDS_DLQ = deadLetters(INVENTORY_COMMANDS);
    public static final DeadLetterTopic FULFILLMENT_REPLIES_DLQ = deadLetters(FULFILLMENT_REPLIES);
    public static final DeadLetterTopic ORDERS_EVENTS_DLQ = deadLetters(ORDERS_EVENTS);
    public static final DeadLetterTopic INVENTORY_EVENTS_DLQ = deadLetters(INVENTORY_EVENTS);

    private Topics() {}

    /** Every topic of the platform, in the order they are created. */
    public static List<Topic<?, ?>> all() {
        return List.of(
                ORDERS_EVENTS,
                INVENTORY_EVENTS,
                ORDERS_COMMANDS,
                INVENTORY_COMMANDS,
                FULFILLMENT_REPLIES,
                ORDERS_COMMANDS_DLQ,
                INVENTORY_COMMANDS_DLQ,
                FULFILLMENT_REPLIES_DLQ,
                ORDERS_EVENTS_DLQ,
                INVENTORY_EVENTS_DLQ);
    }

    /**
     * The dead-letter topic of a source topic: records that could not be processed, unchanged, with
     * the reason in headers; kept a month for operators to inspect and redrive.
     */
    private static DeadLetterTopic deadLetters(ContractTopic<?> source) {
        return new DeadLetterTopic(source, KEEP_A_MONTH);
    }
}
