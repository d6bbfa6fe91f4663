package io.orderplatform.projection.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noMethods;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.PatchMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/**
 * The views are plain folds of events; the topology knows nothing of HTTP, Spring or the layers around
 * it; the replay steers versions without knowing what queries ask; and the queries only read: they
 * ask the replay which versions may answer, but have no means to change anything, so they never drive
 * the replay. Rules are in terms of packages, so that they hold as classes come and go.
 */
class ProjectionLayeringTest {

    private static final String VIEW = "io.orderplatform.projection.view..";
    private static final String STREAMS = "io.orderplatform.projection.streams..";
    private static final String QUERY = "io.orderplatform.projection.query..";
    private static final String REPLAY = "io.orderplatform.projection.replay..";
    private static final String CONFIG = "io.orderplatform.projection.config..";

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.orderplatform.projection");

    @Test
    void views_depend_on_nothing_but_the_contracts_their_json_mapping_and_the_jdk() {
        classes()
                .that()
                .resideInAPackage(VIEW)
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage(VIEW, "io.orderplatform.schemas..", "com.fasterxml.jackson..", "java..")
                .check(classes);
    }

    @Test
    void the_topology_knows_nothing_of_spring_http_the_queries_the_replay_or_the_wiring() {
        noClasses()
                .that()
                .resideInAPackage(STREAMS)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.springframework..", "jakarta..", QUERY, REPLAY, CONFIG)
                .check(classes);
    }

    @Test
    void the_replay_never_depends_on_the_queries() {
        noClasses()
                .that()
                .resideInAPackage(REPLAY)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(QUERY)
                .check(classes);
    }

    /** Queries reach the stores through the router only: nothing of the query side can start or steer a rebuild. */
    @Test
    void the_queries_never_depend_on_the_replay() {
        noClasses()
                .that()
                .resideInAPackage(QUERY)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(REPLAY, "io.orderplatform.streams.versions..")
                .check(classes);
    }

    /**
     * Steering the replay means writing its control topic or resetting consumer groups: Kafka's
     * producer, consumer and admin clients. The query side reads stores through Kafka Streams only.
     */
    @Test
    void the_queries_use_no_kafka_producer_consumer_or_admin_so_they_cannot_steer_the_replay() {
        noClasses()
                .that()
                .resideInAPackage(QUERY)
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("org.apache.kafka.clients..")
                .check(classes);
    }

    @Test
    void the_queries_answer_get_requests_only() {
        noMethods()
                .that()
                .areDeclaredInClassesThat()
                .resideInAPackage(QUERY)
                .should()
                .beAnnotatedWith(PostMapping.class)
                .orShould()
                .beAnnotatedWith(PutMapping.class)
                .orShould()
                .beAnnotatedWith(PatchMapping.class)
                .orShould()
                .beAnnotatedWith(DeleteMapping.class)
                .orShould()
                .beAnnotatedWith(RequestMapping.class)
                .because("a method-level @RequestMapping maps every HTTP method; the query side maps GETs")
                .check(classes);
    }
}
