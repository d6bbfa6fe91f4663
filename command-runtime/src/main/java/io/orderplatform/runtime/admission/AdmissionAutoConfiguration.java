package io.orderplatform.runtime.admission;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.boot.kafka.autoconfigure.KafkaAutoConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.kafka.core.KafkaAdmin;

/**
 * Admission control for a command service (see {@link AdmissionControl}): its state at {@code GET
 * /admin/admission} and as metrics, {@code platform.admission.refused} (commands refused),
 * {@code platform.admission.refusing} (1 while refusing) and {@code platform.admission.wait}
 * (estimated seconds). With no {@code platform.admission.watch} it admits everything.
 */
@AutoConfiguration(after = KafkaAutoConfiguration.class)
@EnableConfigurationProperties(AdmissionSettings.class)
public class AdmissionAutoConfiguration {

    @Bean(initMethod = "start", destroyMethod = "close")
    public AdmissionControl admissionControl(
            AdmissionSettings settings,
            KafkaAdmin kafkaAdmin,
            MeterRegistry registry,
            @Value("${spring.application.name}") String service) {
        Map<String, Object> config = new HashMap<>(kafkaAdmin.getConfigurationProperties());
        config.put(AdminClientConfig.CLIENT_ID_CONFIG, service + "-admission");
        config.put(AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) ConsumerGroupReader.TIMEOUT_MS);
        config.put(AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, (int) ConsumerGroupReader.TIMEOUT_MS);
        AdmissionControl.Readings readings =
                settings.enabled() ? new ConsumerGroupReader(Admin.create(config), settings.watch()) : List::of;
        AdmissionControl control = new AdmissionControl(settings, readings, System::nanoTime);
        FunctionCounter.builder("platform.admission.refused", control, AdmissionControl::refusedCount)
                .description("new commands refused at the door because the platform was behind")
                .register(registry);
        Gauge.builder("platform.admission.refusing", control, c -> c.state().refusing() ? 1 : 0)
                .description("1 while new commands are refused")
                .register(registry);
        Gauge.builder("platform.admission.wait", control, c -> c.state().waitSeconds())
                .description("estimated wait of a new command in the watched consumer groups' queues")
                .baseUnit("seconds")
                .register(registry);
        return control;
    }

    @Bean
    public AdmissionController admissionController(AdmissionControl admissionControl) {
        return new AdmissionController(admissionControl);
    }
}
