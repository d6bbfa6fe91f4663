package io.orderplatform.runtime.axon;

import org.axonframework.config.AggregateConfiguration;
import org.axonframework.eventhandling.DomainEventMessage;
import org.axonframework.eventsourcing.AggregateFactory;

/**
 * The aggregate factory of an aggregate registered through Axon's configuration API, offered as a
 * Spring bean so that Spring's snapshotter can snapshot it.
 *
 * <p>Spring's snapshotter finds the factory of the aggregate it is to snapshot among the beans of type
 * {@link AggregateFactory} (or of event-sourcing repositories): an aggregate registered with an
 * {@code AggregateConfigurer} in a {@code ConfigurerModule} is neither, and every snapshot of it fails
 * with "Aggregate Type is unknown in this snapshotter". The factory is the configured one, looked up
 * when first used: it carries the parameter resolvers (Spring beans as handler parameters) the
 * configuration gave it.
 *
 * @param <A> the aggregate's type
 */
public final class SnapshottableAggregate<A> implements AggregateFactory<A> {

    private final AggregateConfiguration<A> aggregate;

    public SnapshottableAggregate(AggregateConfiguration<A> aggregate) {
        this.aggregate = aggregate;
    }

    @Override
    public A createAggregateRoot(String aggregateIdentifier, DomainEventMessage<?> firstEvent) {
        return aggregate.aggregateFactory().createAggregateRoot(aggregateIdentifier, firstEvent);
    }

    @Override
    public Class<A> getAggregateType() {
        return aggregate.aggregateType();
    }
}
