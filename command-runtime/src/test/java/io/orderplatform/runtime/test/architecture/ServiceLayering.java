package io.orderplatform.runtime.test.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;

/**
 * The layering every command service keeps, checked on its classes: the domain knows nothing of
 * infrastructure (Spring, Kafka, JDBC, the runtime), the application layer nothing of Spring, Kafka or
 * JDBC, and neither depends on the adapters.
 */
public final class ServiceLayering {

    private final JavaClasses classes;

    private ServiceLayering(JavaClasses classes) {
        this.classes = classes;
    }

    /** The production classes of a service, by its root package. */
    public static ServiceLayering of(String rootPackage) {
        return new ServiceLayering(new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(rootPackage));
    }

    public void domainIsFreeOfInfrastructure() {
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

    public void domainAndApplicationDoNotDependOnAdapters() {
        noClasses()
                .that()
                .resideInAnyPackage("..domain..", "..application..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("..adapter..")
                .check(classes);
    }

    public void applicationIsFreeOfSpringKafkaAndJdbc() {
        noClasses()
                .that()
                .resideInAPackage("..application..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "org.apache.kafka..", "java.sql..", "javax.sql..")
                .check(classes);
    }
}
