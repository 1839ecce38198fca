package dev.carepath.eventing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.schemas.EventSchemas;
import io.micrometer.tracing.Tracer;
import dev.carepath.tenancy.ServiceSchemas;
import dev.carepath.tenancy.TenancyAutoConfiguration;
import dev.carepath.tenancy.TenantTransactions;
import io.micrometer.tracing.propagation.Propagator;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.cloud.stream.annotation.StreamRetryTemplate;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.cloud.stream.function.StreamBridge;
import org.springframework.retry.policy.MaxAttemptsRetryPolicy;
import org.springframework.retry.support.RetryTemplate;
import org.springframework.context.annotation.Bean;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Wires the outbox, relay, inbox and broker-side retries for a deployable from {@code carepath.events.*}, and the
 * migration of its service schemas, each with the outbox and processed-event tables.
 */
@AutoConfiguration(after = {JdbcTemplateAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class,
        TenancyAutoConfiguration.class})
@EnableConfigurationProperties(EventingProperties.class)
public class EventingAutoConfiguration {

    /** The outbox and processed-event tables, migrated into every service schema before its own migrations. */
    static final String EVENTING_MIGRATIONS = "classpath:db/eventing";

    @Bean
    ServiceSchemas serviceSchemas(DataSource dataSource, EventingProperties properties) {
        return new ServiceSchemas(dataSource, properties.schemas(), properties.migration(),
                List.of(EVENTING_MIGRATIONS));
    }

    @Bean
    EventCodec eventCodec(ObjectMapper json) {
        return new EventCodec(json);
    }

    @Bean
    EventSchemas eventSchemas(ObjectMapper json) {
        return new EventSchemas(json);
    }

    /**
     * The trace carried with every event: the current span's traceparent into the outbox, the event's traceparent
     * into each consumer's span (with Micrometer Tracing in the deployable; otherwise none).
     */
    @Bean
    EventTracing eventTracing(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
        Tracer current = tracer.getIfAvailable();
        Propagator w3c = propagator.getIfAvailable();
        return current == null || w3c == null || current == Tracer.NOOP ? EventTracing.none()
                : new EventTracing(current, w3c);
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, EventCodec codec, EventingProperties properties, ServiceSchemas migrated,
            EventSchemas schemas, EventTracing tracing, ObjectProvider<OutboxRelay> relay) {
        URI source = properties.source() == null ? URI.create("/carepath") : properties.source();
        Outbox outbox = new Outbox(jdbc, codec, source, properties.validateOutgoing() ? schemas : null, tracing);
        relay.ifAvailable(running -> outbox.afterCommit(running::committed));
        return outbox;
    }

    @Bean
    ProcessedEvents processedEvents(JdbcTemplate jdbc, ServiceSchemas migrated) {
        return new ProcessedEvents(jdbc);
    }

    @Bean
    EventInbox eventInbox(TenantTransactions transactions, ProcessedEvents processed, EventCodec codec,
            BrokerRetries retries, EventTracing tracing) {
        return new EventInbox(transactions, processed, codec, retries, tracing);
    }

    /**
     * Failed messages wait for their next attempt on the broker ({@link BrokerRetries}), following their
     * binding's retry settings; without a broker template or bindings, failures are rethrown.
     */
    @Bean
    BrokerRetries brokerRetries(ObjectProvider<RabbitTemplate> rabbit, ObjectProvider<BindingServiceProperties> bindings,
            EventingProperties properties) {
        RabbitTemplate template = rabbit.getIfAvailable();
        BindingServiceProperties bound = bindings.getIfAvailable();
        if (template == null || bound == null) {
            return BrokerRetries.none();
        }
        return new BrokerRetries(new BindingRetrySchedules(bound),
                new RabbitRetryQueues(template, properties.relay().confirmTimeout()));
    }

    /**
     * The binders' retry template: one attempt, no back-off. A binding's {@code max-attempts} and
     * {@code back-off-*} are run by {@link BrokerRetries} on the broker, so the consumer thread never
     * sleeps on a failing message. (Being the only {@code @StreamRetryTemplate}, it serves every binding.)
     */
    @Bean
    @StreamRetryTemplate
    static RetryTemplate singleAttempt() {
        RetryTemplate template = new RetryTemplate();
        template.setRetryPolicy(new MaxAttemptsRetryPolicy(1));
        return template;
    }

    @Bean
    @ConditionalOnProperty(name = "carepath.events.relay.enabled", matchIfMissing = true)
    EventPublisher eventPublisher(StreamBridge bridge, EventingProperties properties) {
        return new StreamBridgePublisher(bridge, properties.relay().binding(), properties.relay().confirmTimeout());
    }

    @Bean
    @ConditionalOnProperty(name = "carepath.events.relay.enabled", matchIfMissing = true)
    OutboxRelay outboxRelay(JdbcTemplate jdbc, PlatformTransactionManager transactions, EventPublisher publisher,
            EventingProperties properties, ServiceSchemas migrated) {
        return new OutboxRelay(jdbc, new TransactionTemplate(transactions), publisher,
                migrated.names(), properties.relay().batchSize(), properties.relay().pollInterval());
    }

    /**
     * Outbox backlog and lag per schema, dead-letter depth per consumer group of this deployable
     * ({@link EventingMetrics}); Spring Boot binds it to the registry when Micrometer is there.
     */
    @Bean
    EventingMetrics eventingMetrics(ObjectProvider<OutboxRelay> relay, ObjectProvider<AmqpAdmin> broker,
            ObjectProvider<BindingServiceProperties> bindings) {
        Map<String, String> deadLetterQueues = new TreeMap<>();
        BindingServiceProperties bound = bindings.getIfAvailable();
        if (bound != null) {
            bound.getBindings().forEach((name, binding) -> {
                if (binding.getGroup() != null && binding.getDestination() != null && name.contains("-in-")) {
                    deadLetterQueues.put(binding.getGroup(), binding.getDestination() + "." + binding.getGroup() + ".dlq");
                }
            });
        }
        return new EventingMetrics(relay.getIfAvailable(), broker.getIfAvailable(), deadLetterQueues);
    }
}
