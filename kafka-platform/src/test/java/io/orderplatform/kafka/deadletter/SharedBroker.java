package io.orderplatform.kafka.deadletter;

import io.orderplatform.embedded.EmbeddedKafkaBroker;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.file.Files;

/**
 * The one real Kafka broker of this module's test JVM, started on first use and stopped when the JVM
 * exits. Only the broker: the module is Kafka-only, so it has no PostgreSQL to share.
 */
final class SharedBroker {

    private SharedBroker() {}

    static String bootstrapServers() {
        return Holder.BROKER.bootstrapServers();
    }

    private static final class Holder {
        private static final EmbeddedKafkaBroker BROKER = start();

        private static EmbeddedKafkaBroker start() {
            try {
                EmbeddedKafkaBroker broker = EmbeddedKafkaBroker.start(
                        Files.createTempDirectory("kafka-platform-test"), freePort(), freePort());
                Runtime.getRuntime().addShutdownHook(new Thread(broker::close));
                return broker;
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }

        private static int freePort() throws IOException {
            try (ServerSocket socket = new ServerSocket(0)) {
                return socket.getLocalPort();
            }
        }
    }
}
