package io.orderplatform.kafka.deadletter.admin;

import static java.nio.charset.StandardCharsets.UTF_8;

import io.orderplatform.kafka.deadletter.DeadLetters;
import io.orderplatform.kafka.deadletter.Retries;
import io.orderplatform.kafka.deadletter.admin.DeadLetterLog.Stored;
import io.orderplatform.kafka.deadletter.admin.Marks.State;
import io.orderplatform.schemas.catalog.ConsumerTopics;
import io.orderplatform.schemas.catalog.DeadLetterTopic;
import java.time.Clock;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidProducerEpochException;
import org.apache.kafka.common.errors.ProducerFencedException;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The dead letters of one consumer: lists them, and redrives or discards a selection of them, once
 * the cause is fixed or found harmless. A redrive sends each selected dead letter to the consumer's
 * own retry topic (never to its source: an event topic has one writer, its relay) as it was read, key,
 * value and headers without the {@code dlq_*} ones, with {@code retry_*} headers naming its source; a
 * discard only marks it handled.
 *
 * <p>Each dead letter is redriven or discarded at most once, even if an operation is interrupted,
 * repeated or run on two instances at once: the copies and the {@link Marks marks} saying which dead
 * letters are done are written in one Kafka transaction, so either all of an operation's are there or
 * none. Every operation of the consumer uses the same transactional id: opening it completes or aborts
 * whatever an earlier one left, and fences one still running elsewhere, which then fails without effect
 * ({@link DeadLetterAdminException.Conflict}); only then are the dead letters and their marks read, so
 * what was done before is always seen. A dry run reads and sends nothing.
 */
public final class DeadLetterAdmin {

    private static final Logger log = LoggerFactory.getLogger(DeadLetterAdmin.class);

    private final String bootstrapServers;
    private final ConsumerTopics consumer;
    private final Supplier<Producer<byte[], byte[]>> producers;
    private final Clock clock;

    /** @param consumer the topics of the consumer whose dead letters these are */
    public DeadLetterAdmin(String bootstrapServers, ConsumerTopics consumer, Clock clock) {
        this.bootstrapServers = bootstrapServers;
        this.consumer = consumer;
        this.clock = clock;
        this.producers = () -> new KafkaProducer<>(
                Map.of(
                        ProducerConfig.BOOTSTRAP_SERVERS_CONFIG,
                        bootstrapServers,
                        ProducerConfig.TRANSACTIONAL_ID_CONFIG,
                        transactionalId(consumer),
                        ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG,
                        true,
                        ProducerConfig.ACKS_CONFIG,
                        "all",
                        ProducerConfig.MAX_BLOCK_MS_CONFIG,
                        10_000),
                new ByteArraySerializer(),
                new ByteArraySerializer());
    }

    /** The one transactional id of all redrives and discards of {@code consumer}'s dead letters. */
    static String transactionalId(ConsumerTopics consumer) {
        return consumer.consumer() + "-dead-letters";
    }

    public ConsumerTopics consumer() {
        return consumer;
    }

    /** Each of the consumer's dead-letter topics with how many dead letters it holds. */
    public List<DeadLetterTopicSummary> topics() {
        List<DeadLetterTopicSummary> summaries = new ArrayList<>();
        try (DeadLetterLog dead = new DeadLetterLog(bootstrapServers)) {
            for (DeadLetterTopic topic : consumer.deadLetters()) {
                int[] byState = new int[State.values().length];
                readAll(dead, topic).forEach(stored -> byState[stored.state().ordinal()]++);
                summaries.add(new DeadLetterTopicSummary(
                        topic.source().name(),
                        topic.name(),
                        byState[0] + byState[1] + byState[2],
                        byState[State.PENDING.ordinal()],
                        byState[State.REDRIVEN.ordinal()],
                        byState[State.DISCARDED.ordinal()]));
            }
        }
        return summaries;
    }

    /**
     * A page of the dead letters of {@code sourceTopic} that {@code filter} takes, by partition then
     * offset.
     *
     * @param sourceTopic a source topic of the consumer, or the name of its dead-letter topic
     * @param from where the page starts; null for the first page
     * @param limit at most this many
     */
    public DeadLetterPage list(String sourceTopic, DeadLetterFilter filter, PagePosition from, int limit) {
        DeadLetterTopic topic = topic(sourceTopic);
        try (DeadLetterLog dead = new DeadLetterLog(bootstrapServers)) {
            int partitions = dead.partitions(topic);
            if (from != null && from.partition() >= partitions) {
                throw new DeadLetterAdminException.BadRequest(
                        "pageToken", "pageToken is not a token this API gave out");
            }
            List<DeadLetter> items = new ArrayList<>();
            for (int partition = from == null ? 0 : from.partition(); partition < partitions; partition++) {
                long start = from != null && partition == from.partition() ? from.offset() : 0;
                for (Stored stored : dead.read(topic, partition, start)) {
                    DeadLetter letter = view(stored);
                    if (!filter.matches(letter)) {
                        continue;
                    }
                    if (items.size() == limit) {
                        return new DeadLetterPage(items, new PagePosition(partition, letter.offset()).token());
                    }
                    items.add(letter);
                }
            }
            return new DeadLetterPage(items, null);
        }
    }

    /** Sends the selected dead letters of {@code sourceTopic} not handled yet to the consumer's retry topic. */
    public DeadLetterChange redrive(String sourceTopic, Selection selection, boolean dryRun) {
        return change(topic(sourceTopic), selection, State.REDRIVEN, dryRun);
    }

    /** Marks the selected dead letters of {@code sourceTopic} not handled yet as handled, sending nothing. */
    public DeadLetterChange discard(String sourceTopic, Selection selection, boolean dryRun) {
        return change(topic(sourceTopic), selection, State.DISCARDED, dryRun);
    }

    /** Synchronized: two operations of this instance would only fence each other. */
    private synchronized DeadLetterChange change(
            DeadLetterTopic topic, Selection selection, State outcome, boolean dryRun) {
        String action = outcome == State.REDRIVEN ? "redrive" : "discard";
        if (dryRun) {
            try (DeadLetterLog dead = new DeadLetterLog(bootstrapServers)) {
                return plan(topic, action, true, selected(dead, topic, selection));
            }
        }
        try (Producer<byte[], byte[]> producer = producers.get();
                DeadLetterLog dead = new DeadLetterLog(bootstrapServers)) {
            producer.initTransactions();
            List<Stored> selected = selected(dead, topic, selection);
            List<Stored> pending = pending(selected);
            if (!pending.isEmpty()) {
                write(producer, topic, pending, outcome);
            }
            DeadLetterChange change = plan(topic, action, false, selected);
            log.info(
                    "{} of {} dead letters ({}): {} done, {} handled before",
                    action,
                    topic.name(),
                    selection,
                    change.count(),
                    change.skipped());
            return change;
        } catch (KafkaException e) {
            if (fenced(e)) {
                throw new DeadLetterAdminException.Conflict(
                        "another redrive or discard of " + consumer.consumer()
                                + "'s dead letters took over; nothing was changed: look again and repeat",
                        e);
            }
            throw new DeadLetterAdminException.Unavailable(
                    "Kafka did not confirm the " + action + " of dead letters of " + topic.name() + " ("
                            + e.getMessage() + "); look before repeating it: a repeat never handles one twice",
                    e);
        }
    }

    private void write(Producer<byte[], byte[]> producer, DeadLetterTopic topic, List<Stored> pending, State outcome) {
        producer.beginTransaction();
        try {
            for (Stored stored : pending) {
                if (outcome == State.REDRIVEN) {
                    producer.send(Retries.of(consumer, topic, stored.record()));
                }
                producer.send(Marks.of(stored.record(), outcome, clock.instant()));
            }
            producer.commitTransaction();
        } catch (KafkaException e) {
            if (!fenced(e)) {
                abortQuietly(producer);
            }
            throw e;
        }
    }

    /** Whether another operation's producer took this one's transactional id over. */
    private static boolean fenced(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            if (cause instanceof ProducerFencedException || cause instanceof InvalidProducerEpochException) {
                return true;
            }
        }
        return false;
    }

    private List<Stored> selected(DeadLetterLog dead, DeadLetterTopic topic, Selection selection) {
        if (selection instanceof Selection.One one) {
            if (one.partition() >= 0 && one.partition() < dead.partitions(topic)) {
                for (Stored stored : dead.read(topic, one.partition(), one.offset())) {
                    if (stored.record().offset() == one.offset()) {
                        return List.of(stored);
                    }
                }
            }
            throw new DeadLetterAdminException.NoSuchDeadLetter("no dead letter at partition " + one.partition()
                    + ", offset " + one.offset() + " of " + topic.name());
        }
        return readAll(dead, topic).stream()
                .filter(stored -> selection.takes(view(stored)))
                .toList();
    }

    private static List<Stored> pending(List<Stored> selected) {
        return selected.stream()
                .filter(stored -> stored.state() == State.PENDING)
                .toList();
    }

    private static DeadLetterChange plan(DeadLetterTopic topic, String action, boolean dryRun, List<Stored> selected) {
        List<DeadLetterChange.Position> positions = pending(selected).stream()
                .map(stored -> new DeadLetterChange.Position(
                        stored.record().partition(), stored.record().offset()))
                .toList();
        return new DeadLetterChange(
                topic.source().name(), action, dryRun, positions.size(), positions, selected.size() - positions.size());
    }

    private static List<Stored> readAll(DeadLetterLog dead, DeadLetterTopic topic) {
        List<Stored> all = new ArrayList<>();
        int partitions = dead.partitions(topic);
        for (int partition = 0; partition < partitions; partition++) {
            all.addAll(dead.read(topic, partition, 0));
        }
        return all;
    }

    private DeadLetterTopic topic(String name) {
        return consumer.deadLetters().stream()
                .filter(topic ->
                        topic.source().name().equals(name) || topic.name().equals(name))
                .findFirst()
                .orElseThrow(() -> new DeadLetterAdminException.UnknownTopic(name + " is not a topic "
                        + consumer.consumer() + " dead-letters; its topics are "
                        + consumer.sources().stream().map(t -> t.name()).toList()));
    }

    private static DeadLetter view(Stored stored) {
        ConsumerRecord<byte[], byte[]> record = stored.record();
        Map<String, String> headers = new LinkedHashMap<>();
        for (Header header : record.headers()) {
            headers.put(header.key(), header.value() == null ? null : new String(header.value(), UTF_8));
        }
        return new DeadLetter(
                record.partition(),
                record.offset(),
                record.key() == null ? null : new String(record.key(), UTF_8),
                headers.get(DeadLetters.CONSUMER),
                headers.get(DeadLetters.SOURCE_TOPIC),
                number(record.headers(), DeadLetters.SOURCE_PARTITION) instanceof Long p ? p.intValue() : null,
                number(record.headers(), DeadLetters.SOURCE_OFFSET),
                headers.get(DeadLetters.ERROR_CLASS),
                headers.get(DeadLetters.ERROR_MESSAGE),
                headers.get(DeadLetters.REASON),
                headers.get(DeadLetters.FAILED_AT),
                headers.get("ce_type"),
                headers,
                record.value() == null ? null : new String(record.value(), UTF_8),
                stored.state() == State.REDRIVEN,
                stored.state() == State.DISCARDED);
    }

    private static Long number(Headers headers, String name) {
        Header header = headers.lastHeader(name);
        try {
            return header == null || header.value() == null ? null : Long.valueOf(new String(header.value(), UTF_8));
        } catch (NumberFormatException e) {
            return null;
        }
    }

    private static void abortQuietly(Producer<byte[], byte[]> producer) {
        try {
            producer.abortTransaction();
        } catch (RuntimeException e) {
            log.debug("could not abort a dead-letter transaction; it times out by itself", e);
        }
    }
}
