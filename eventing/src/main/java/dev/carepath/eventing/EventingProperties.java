package dev.carepath.eventing;

import dev.carepath.tenancy.SchemaOwner;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carepath.events.*}: which service schemas this deployable owns (migrated at start, their
 * outboxes relayed) and how the relay runs.
 *
 * @param source  CloudEvents {@code source} of the events this deployable publishes
 * @param schemas the service schemas this deployable owns
 * @param relay   relay settings
 * @param validateOutgoing whether the outbox validates every event's data against its type's JSON
 *                         Schema before writing it (an event without a schema is refused)
 * @param migration who migrates the schemas (their owner); unset: the data source's own login
 */
@ConfigurationProperties("carepath.events")
public record EventingProperties(URI source, @DefaultValue List<String> schemas, @DefaultValue Relay relay,
        @DefaultValue("true") boolean validateOutgoing, @DefaultValue SchemaOwner.Login migration) {

    /**
     * @param enabled        whether this process runs the outbox relay
     * @param binding        the Spring Cloud Stream output binding to publish through
     * @param batchSize      rows per batch (one confirm wait per batch)
     * @param pollInterval   how often the relay looks into every outbox; rows a transaction of the same process commits
     *                       are published at once, so the poll finds those of other processes (and, after a
     *                       failure, what the relay could not publish)
     * @param confirmTimeout how long to wait for the broker's confirms of one batch
     */
    public record Relay(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("outbox-out") String binding,
            @DefaultValue("50") int batchSize,
            @DefaultValue("1s") Duration pollInterval,
            @DefaultValue("10s") Duration confirmTimeout) {
    }
}
