package io.orderplatform.order.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import io.orderplatform.runtime.test.ServiceIntegrationTest;
import io.orderplatform.schemas.catalog.Topics;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * Admission control as a client meets it: while a watched group (the inventory's intake, which does
 * not run here, so the test moves its offset itself) is far behind and reading slowly, a new order is
 * refused with 503, Retry-After and a problem, and nothing is stored; a repeat of an order accepted
 * before still gets its answer; once the group has caught up, orders are accepted again.
 */
@ServiceIntegrationTest
class AdmissionIT {

    static final String GROUP = "inventory-command";
    static final String TOPIC = Topics.INVENTORY_COMMANDS.name();

    @LocalServerPort
    int port;

    @Autowired
    JdbcTemplate jdbc;

    @Value("${spring.kafka.bootstrap-servers}")
    String bootstrapServers;

    @Test
    void a_group_far_behind_refuses_new_orders_until_it_has_caught_up() throws Exception {
        OrdersHttp http = new OrdersHttp(port);
        String acceptedKey = "admission-" + UUID.randomUUID();
        HttpResponse<String> accepted = http.placeOrder(OrdersHttp.VALID_ORDER, "Idempotency-Key", acceptedKey);
        assertThat(accepted.statusCode()).isEqualTo(202);

        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers))) {
            long end = fillPartition(2_000);
            long start = end - 2_000;
            try {
                // The group reads ~20 records/s with 2,000 behind: a wait of ~100 s, over the 10 s limit.
                long[] position = {start};
                awaitStatus(503, () -> {
                    position[0] += 10;
                    commitGroupAt(admin, position[0]);
                    return http.placeOrder(OrdersHttp.VALID_ORDER);
                });
                String customer = "refused-" + UUID.randomUUID().toString().substring(0, 8);
                String order = OrdersHttp.VALID_ORDER.replace("c-1", customer);
                HttpResponse<String> refused = http.placeOrder(order);

                assertThat(refused.statusCode()).isEqualTo(503);
                assertThat(refused.headers().firstValue("Retry-After"))
                        .hasValueSatisfying(
                                seconds -> assertThat(Long.parseLong(seconds)).isBetween(1L, 30L));
                assertThat(refused.headers().firstValue("Content-Type")).hasValue("application/problem+json");
                JsonNode problem = http.body(refused);
                assertThat(problem.get("type").asText()).isEqualTo("https://orderplatform.io/problems/overloaded");
                assertThat(problem.get("status").asInt()).isEqualTo(503);
                assertThat(eventsMentioning(customer)).isZero();

                HttpResponse<String> repeat = http.placeOrder(OrdersHttp.VALID_ORDER, "Idempotency-Key", acceptedKey);
                assertThat(repeat.statusCode()).isEqualTo(202);
                assertThat(repeat.headers().firstValue("Idempotent-Replayed")).hasValue("true");
                assertThat(repeat.body()).isEqualTo(accepted.body());

                JsonNode state = http.body(http.get("/admin/admission"));
                assertThat(state.get("refusing").asBoolean()).isTrue();
                assertThat(state.get("groups").findValuesAsText("group")).contains(GROUP);

                commitGroupAt(admin, end);
                HttpResponse<String> admitted = awaitStatus(202, () -> http.placeOrder(order));
                assertThat(http.body(admitted).get("status").asText()).isEqualTo("PENDING");
                assertThat(eventsMentioning(customer)).isEqualTo(1);
            } finally {
                commitGroupAt(admin, end);
            }
        }
    }

    /** Appends records to partition 0 of the watched topic, read by nobody; returns its end offset. */
    private long fillPartition(int records) throws Exception {
        Map<String, Object> config = new HashMap<>();
        config.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
        try (KafkaProducer<String, String> producer =
                new KafkaProducer<>(config, new StringSerializer(), new StringSerializer())) {
            Future<RecordMetadata> last = null;
            for (int i = 0; i < records; i++) {
                last = producer.send(new ProducerRecord<>(TOPIC, 0, "filler-" + i, "not read by anyone"));
            }
            return last.get().offset() + 1;
        }
    }

    /** Commits the group's offset on partition 0. */
    private static void commitGroupAt(Admin admin, long offset) {
        try {
            admin.alterConsumerGroupOffsets(GROUP, Map.of(new TopicPartition(TOPIC, 0), new OffsetAndMetadata(offset)))
                    .all()
                    .get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        } catch (java.util.concurrent.ExecutionException e) {
            throw new IllegalStateException(e);
        }
    }

    private static HttpResponse<String> awaitStatus(int status, Supplier<HttpResponse<String>> request)
            throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
        HttpResponse<String> response = request.get();
        while (response.statusCode() != status && System.nanoTime() < deadline) {
            Thread.sleep(200);
            response = request.get();
        }
        assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
        return response;
    }

    private long eventsMentioning(String marker) {
        return jdbc.queryForObject(
                "SELECT count(*) FROM domain_event_entry WHERE position(? in convert_from(payload, 'UTF8')) > 0",
                Long.class,
                marker);
    }
}
