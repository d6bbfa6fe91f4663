package io.orderplatform.kafka.deadletter.http;

import io.orderplatform.kafka.deadletter.DeadLetterAutoConfiguration;
import io.orderplatform.kafka.deadletter.admin.DeadLetterAdmin;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnWebApplication;
import org.springframework.context.annotation.Bean;

/** The dead-letter API ({@link DeadLetterController}) in every servlet service that owns dead letters. */
@AutoConfiguration(after = DeadLetterAutoConfiguration.class)
@ConditionalOnWebApplication(type = ConditionalOnWebApplication.Type.SERVLET)
@ConditionalOnClass(name = "io.orderplatform.http.problem.Problems")
@ConditionalOnBean(DeadLetterAdmin.class)
public class DeadLetterHttpAutoConfiguration {

    @Bean
    public DeadLetterController deadLetterController(DeadLetterAdmin deadLetterAdmin) {
        return new DeadLetterController(deadLetterAdmin);
    }
}
