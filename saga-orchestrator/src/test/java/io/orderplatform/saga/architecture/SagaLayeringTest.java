package io.orderplatform.saga.architecture;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.belongToAnyOf;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import io.orderplatform.saga.domain.FulfillmentSaga;
import io.orderplatform.saga.domain.SagaState;
import org.junit.jupiter.api.Test;

/**
 * The saga's domain is pure (no Spring, no Kafka, no adapters), and its engine knows no participant:
 * what orders and inventory are is declared in {@code FulfillmentSaga} alone, with {@code SagaState}
 * keeping the order as placed (its JSON is what the state store holds).
 */
class SagaLayeringTest {

    private final JavaClasses classes = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("io.orderplatform.saga");

    @Test
    void the_domain_knows_nothing_of_spring_kafka_or_the_adapters() {
        noClasses()
                .that()
                .resideInAPackage("io.orderplatform.saga.domain..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.springframework..",
                        "org.apache.kafka..",
                        "io.orderplatform.kafka..",
                        "io.orderplatform.saga.adapter..")
                .check(classes);
    }

    @Test
    void the_engine_knows_no_order_or_inventory_contract() {
        noClasses()
                .that()
                .resideInAPackage("io.orderplatform.saga.domain..")
                .and(not(belongToAnyOf(FulfillmentSaga.class, SagaState.class)))
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("io.orderplatform.schemas.orders..", "io.orderplatform.schemas.inventory..")
                .check(classes);
    }
}
