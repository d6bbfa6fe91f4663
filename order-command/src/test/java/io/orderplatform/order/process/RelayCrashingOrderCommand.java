package io.orderplatform.order.process;

import io.orderplatform.order.OrderCommandApplication;
import io.orderplatform.runtime.relay.RelayBatchListener;
import java.util.concurrent.atomic.AtomicInteger;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.annotation.Bean;

/**
 * order-command with a fault: the JVM halts (as under kill -9) right after Kafka committed the relay's
 * N-th batch ({@code --test.relay.halt-after-batches=N}) and before the relay's position is stored.
 */
public final class RelayCrashingOrderCommand {

    private RelayCrashingOrderCommand() {}

    public static void main(String[] args) {
        new SpringApplicationBuilder(OrderCommandApplication.class, HaltAfterKafkaCommit.class).run(args);
    }

    /** Registered only as a source of this application, never found by component scanning. */
    static class HaltAfterKafkaCommit {
        @Bean
        RelayBatchListener haltAfterKafkaCommit(@Value("${test.relay.halt-after-batches}") int batches) {
            AtomicInteger committed = new AtomicInteger();
            return records -> {
                if (committed.incrementAndGet() == batches) {
                    System.out.println("HALT: Kafka committed relay batch " + batches + " of " + records
                            + " events; dying before the position commit");
                    System.out.flush();
                    Runtime.getRuntime().halt(99);
                }
            };
        }
    }
}
