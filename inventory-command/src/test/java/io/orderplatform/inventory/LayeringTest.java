package io.orderplatform.inventory;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The domain knows nothing of infrastructure; adapters depend on the domain, never the reverse. */
class LayeringTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.orderplatform.inventory");

    @Test
    void domain_is_free_of_spring_kafka_jdbc_and_the_runtime() {
        noClasses()
                .that()
                .resideInAPackage("..domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "org.apache.kafka..",
                        "java.sql..",
                        "javax.sql..",
                        "org.axonframework.spring..",
                        "io.orderplatform.runtime..")
                .check(classes);
    }

    @Test
    void domain_and_application_do_not_depend_on_adapters() {
        noClasses()
                .that()
                .resideInAnyPackage("..domain..", "..application..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..adapter..")
                .check(classes);
    }
}
