package io.orderplatform.projection.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The views are plain folds of events, the topology knows nothing of HTTP or Spring, and the query side
 * reads stores without reaching into how they are built.
 */
class ProjectionLayeringTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.orderplatform.projection");

    @Test
    void views_depend_on_the_contracts_only() {
        noClasses()
                .that()
                .resideInAPackage("io.orderplatform.projection.view..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.kafka..",
                        "org.springframework..",
                        "jakarta..",
                        "io.orderplatform.projection.streams..",
                        "io.orderplatform.projection.query..",
                        "io.orderplatform.projection.replay..")
                .check(classes);
    }

    @Test
    void the_topology_knows_nothing_of_http_spring_or_replay() {
        noClasses()
                .that()
                .resideInAPackage("io.orderplatform.projection.streams..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "jakarta..",
                        "io.orderplatform.projection.query..",
                        "io.orderplatform.projection.replay..",
                        "io.orderplatform.projection.config..")
                .check(classes);
    }

    @Test
    void queries_never_drive_the_replay_and_the_replay_never_answers_queries() {
        noClasses()
                .that()
                .resideInAPackage("io.orderplatform.projection.replay..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.orderplatform.projection.query..")
                .check(classes);
    }
}
