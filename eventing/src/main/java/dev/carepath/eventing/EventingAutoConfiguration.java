package dev.carepath.eventing;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.schemas.EventSchemas;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import java.net.URI;
import javax.sql.DataSource;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.autoconfigure.jdbc.DataSourceTransactionManagerAutoConfiguration;
import org.springframework.boot.autoconfigure.jdbc.JdbcTemplateAutoConfiguration;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
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

/** Wires the outbox, relay, inbox and broker-side retries for a deployable from {@code carepath.events.*}. */
@AutoConfiguration(after = {JdbcTemplateAutoConfiguration.class, DataSourceTransactionManagerAutoConfiguration.class})
@EnableConfigurationProperties(EventingProperties.class)
public class EventingAutoConfiguration {

    @Bean
    ServiceSchemas serviceSchemas(DataSource dataSource, EventingProperties properties) {
        return new ServiceSchemas(dataSource, properties.schemas(), properties.migration());
    }

    @Bean
    EventCodec eventCodec(ObjectMapper json) {
        return new EventCodec(json);
    }

    @Bean
    EventSchemas eventSchemas(ObjectMapper json) {
        return new EventSchemas(json);
    }

    @Bean
    Outbox outbox(JdbcTemplate jdbc, EventCodec codec, EventingProperties properties, ServiceSchemas migrated,
            EventSchemas schemas) {
        URI source = properties.source() == null ? URI.create("/carepath") : properties.source();
        return new Outbox(jdbc, codec, source, properties.validateOutgoing() ? schemas : null);
    }

    @Bean
    ProcessedEvents processedEvents(JdbcTemplate jdbc, ServiceSchemas migrated) {
        return new ProcessedEvents(jdbc);
    }

    @Bean
    TenantTransactions tenantTransactions(PlatformTransactionManager transactions, JdbcTemplate jdbc) {
        return new TenantTransactions(new TransactionTemplate(transactions), jdbc);
    }

    @Bean
    EventInbox eventInbox(TenantTransactions transactions, ProcessedEvents processed, EventCodec codec,
            BrokerRetries retries) {
        return new EventInbox(transactions, processed, codec, retries);
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
            EventingProperties properties, ServiceSchemas migrated, ObjectProvider<MeterRegistry> meters) {
        var relay = new OutboxRelay(jdbc, new TransactionTemplate(transactions), publisher,
                migrated.names(), properties.relay().batchSize(), properties.relay().pollInterval());
        meters.ifAvailable(registry -> relay.schemas().forEach(schema ->
                Gauge.builder("carepath.outbox.lag", relay, r -> r.lag(schema))
                        .tag("schema", schema)
                        .description("outbox rows committed but not yet confirmed by the broker")
                        .register(registry)));
        return relay;
    }
}
