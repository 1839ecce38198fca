package dev.carepath.eventing;

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
        @DefaultValue("true") boolean validateOutgoing, @DefaultValue Migration migration) {

    /**
     * The schema owner's login. The deployable then runs as its data source's login, the application
     * role, which row-level security holds to one tenant per transaction.
     *
     * @param username the owner role, e.g. {@code carepath_portal}
     * @param password its password (from the environment outside a developer machine)
     */
    public record Migration(String username, String password) {
    }

    /**
     * @param enabled        whether this process runs the outbox relay
     * @param binding        the Spring Cloud Stream output binding to publish through
     * @param batchSize      rows per batch (one confirm wait per batch)
     * @param pollInterval   pause between polls when the outbox is empty
     * @param confirmTimeout how long to wait for the broker's confirms of one batch
     */
    public record Relay(
            @DefaultValue("true") boolean enabled,
            @DefaultValue("outbox-out") String binding,
            @DefaultValue("50") int batchSize,
            @DefaultValue("100ms") Duration pollInterval,
            @DefaultValue("10s") Duration confirmTimeout) {
    }
}
