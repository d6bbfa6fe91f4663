package io.orderplatform.kafka;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * kafka-platform is what a Kafka Streams service may depend on: nothing of the command side's stack
 * (Axon, JDBC, Flyway, the servlet stack, scheduling). The Maven enforcer keeps the same out of its
 * dependencies; this keeps it out of its code.
 */
class KafkaOnlyTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.orderplatform.kafka");

    @Test
    void uses_no_axon_jdbc_flyway_servlet_or_scheduling() {
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
                        "org.springframework.web..",
                        "org.springframework.scheduling..",
                        "io.orderplatform.runtime..")
                .check(classes);
    }
}
