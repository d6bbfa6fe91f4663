package io.orderplatform.embedded;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EmbeddedInfrastructureTest {

    @Test
    void keeps_topics_records_and_tables_across_a_restart(@TempDir Path dataDir) throws Exception {
        try (EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(dataDir, 0, 0, true)) {
            try (Connection connection = connect(infrastructure)) {
                connection.createStatement().execute("CREATE TABLE kept (id int)");
                connection.createStatement().execute("INSERT INTO kept VALUES (42)");
            }
            try (Admin admin = Admin.create(Map.of(
                            AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()));
                    KafkaProducer<String, String> producer = producer(infrastructure)) {
                admin.createTopics(List.of(new NewTopic("kept", 1, (short) 1)))
                        .all()
                        .get();
                producer.send(new ProducerRecord<>("kept", "k", "v")).get();
            }
        }

        try (EmbeddedInfrastructure infrastructure = EmbeddedInfrastructure.start(dataDir, 0, 0, true)) {
            try (Connection connection = connect(infrastructure)) {
                ResultSet rows = connection.createStatement().executeQuery("SELECT id FROM kept");
                assertThat(rows.next()).isTrue();
                assertThat(rows.getInt(1)).isEqualTo(42);
            }
            try (KafkaConsumer<String, String> consumer = consumer(infrastructure)) {
                consumer.subscribe(Set.of("kept"));
                List<String> values = new java.util.ArrayList<>();
                long deadline = System.nanoTime() + Duration.ofSeconds(20).toNanos();
                while (values.isEmpty() && System.nanoTime() < deadline) {
                    for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
                        values.add(record.value());
                    }
                }
                assertThat(values).containsExactly("v");
            }
        }
    }

    private static Connection connect(Infrastructure infrastructure) throws Exception {
        return DriverManager.getConnection(
                infrastructure.jdbcUrl("kept_db"),
                infrastructure.databaseUsername(),
                infrastructure.databasePassword());
    }

    private static KafkaProducer<String, String> producer(Infrastructure infrastructure) {
        return new KafkaProducer<>(
                Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers()),
                new StringSerializer(),
                new StringSerializer());
    }

    private static KafkaConsumer<String, String> consumer(Infrastructure infrastructure) {
        return new KafkaConsumer<>(
                Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, infrastructure.kafkaBootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "restart-test",
                        ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"),
                new StringDeserializer(),
                new StringDeserializer());
    }
}
