package io.orderplatform.kafka;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * kafka-platform is what a Kafka Streams service may depend on: nothing of the command side's stack
 * (Axon, JDBC, Flyway, scheduling). The Maven enforcer keeps the same out of its dependencies; this
 * keeps it out of its code. HTTP is used by the dead-letter API's controller alone, configured only in
 * a servlet service.
 */
class KafkaOnlyTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.orderplatform.kafka");

    @Test
    void uses_no_axon_jdbc_flyway_or_scheduling() {
        noClasses()
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.axonframework..",
                        "org.flywaydb..",
                        "java.sql..",
                        "javax.sql..",
                        "org.springframework.jdbc..",
                        "jakarta.servlet..",
                        "org.springframework.scheduling..",
                        "io.orderplatform.runtime..")
                .check(classes);
    }

    @Test
    void only_the_dead_letter_api_speaks_http() {
        noClasses()
                .that()
                .resideOutsideOfPackage("io.orderplatform.kafka.deadletter.http..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework.web..", "org.springframework.http..", "io.orderplatform.http..")
                .check(classes);
    }
}
