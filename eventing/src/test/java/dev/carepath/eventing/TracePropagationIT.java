package dev.carepath.eventing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.rabbitmq.client.Channel;
import com.rabbitmq.client.Connection;
import com.rabbitmq.client.ConnectionFactory;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.tenancy.TenantScope;
import dev.carepath.tenancy.TenantTransactions;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.tracing.Span;
import io.micrometer.tracing.otel.bridge.OtelCurrentTraceContext;
import io.micrometer.tracing.otel.bridge.OtelPropagator;
import io.micrometer.tracing.otel.bridge.OtelTracer;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.support.MessageBuilder;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * One trace across the event backbone, on the real PostgreSQL and RabbitMQ: a span current while an event is appended
 * to the outbox is the parent of the span its consumer applies it in, after the relay published it and the broker
 * delivered it; and the backbone's gauges read the real outbox and dead-letter queue. Spans are recorded by
 * OpenTelemetry's in-memory exporter through the same Micrometer bridge the deployables run.
 */
@SpringBootTest(classes = RelayTestApplication.class)
@ActiveProfiles("it")
class TracePropagationIT {

    private static final String SCHEMA = "relay_it";
    private static final String EXCHANGE = "carepath.relay-it";
    private static final String TENANT = "it-trace";

    private final InMemorySpanExporter spans = InMemorySpanExporter.create();
    private final SdkTracerProvider provider = SdkTracerProvider.builder()
            .addSpanProcessor(SimpleSpanProcessor.create(spans)).build();
    private final io.opentelemetry.api.trace.Tracer otel = provider.get("carepath-it");
    private final EventTracing tracing = new EventTracing(
            new OtelTracer(otel, new OtelCurrentTraceContext(), event -> { }),
            new OtelPropagator(ContextPropagators.create(W3CTraceContextPropagator.getInstance()), otel));

    @Autowired JdbcTemplate jdbc;
    @Autowired TransactionTemplate tx;
    @Autowired EventCodec codec;
    @Autowired TenantTransactions transactions;
    @Autowired ProcessedEvents processed;
    @Autowired OutboxRelay relay;
    @Autowired AmqpAdmin admin;
    @Autowired RabbitTemplate rabbit;

    @Value("${spring.rabbitmq.virtual-host}")
    String vhost;

    private final BlockingQueue<byte[]> delivered = new LinkedBlockingQueue<>();
    private Connection connection;

    @BeforeEach
    void listen() throws Exception {
        ConnectionFactory factory = new ConnectionFactory();
        factory.setHost("127.0.0.1");
        factory.setVirtualHost(vhost);
        connection = factory.newConnection("trace-it-consumer");
        Channel channel = connection.createChannel();
        channel.exchangeDeclare(EXCHANGE, "topic", true);
        String queue = channel.queueDeclare().getQueue();
        channel.queueBind(queue, EXCHANGE, "trace.tested");
        channel.basicConsume(queue, true, (tag, delivery) -> delivered.add(delivery.getBody()), tag -> { });
    }

    @AfterEach
    void close() throws Exception {
        if (!relay.isRunning()) {
            relay.start();
        }
        connection.close();
        provider.close();
    }

    @Test
    void theConsumerContinuesTheTraceTheEventWasAppendedIn() throws InterruptedException {
        Outbox outbox = new Outbox(jdbc, codec, URI.create("/carepath/trace-it"), null, tracing);
        EventInbox inbox = new EventInbox(transactions, processed, codec, BrokerRetries.none(), tracing);
        String order = "order-" + UUID.randomUUID();

        // The producer: a request span in which the state change and its event commit.
        DomainEvent appended = tracing.inSpan("POST /v1/journeys", null, Span.Kind.SERVER, Map.of(), () ->
                tx.execute(status -> {
                    TenantScope.enter(jdbc, TENANT);
                    return outbox.append(SCHEMA, "trace.tested", order, TENANT, Map.of("orderId", order));
                }));
        SpanData request = spans.getFinishedSpanItems().get(0);
        assertThat(appended.traceparent()).isEqualTo("00-" + request.getTraceId() + "-" + request.getSpanId() + "-01");

        // The relay publishes it; the broker delivers it; the consumer applies it.
        byte[] body = delivered.poll(60, TimeUnit.SECONDS);
        assertThat(body).as("the event through RabbitMQ").isNotNull();
        AtomicReference<String> currentInEffect = new AtomicReference<>();
        inbox.consume(SCHEMA, "trace-it", MessageBuilder.withPayload(body).build(),
                event -> currentInEffect.set(tracing.currentTraceparent()));

        SpanData consumer = spans.getFinishedSpanItems().stream()
                .filter(span -> span.getName().equals("trace-it trace.tested")).findFirst().orElseThrow();
        assertThat(consumer.getTraceId()).as("the consumer's trace").isEqualTo(request.getTraceId());
        assertThat(consumer.getParentSpanId()).as("the consumer's parent").isEqualTo(request.getSpanId());
        // The consumer's span is current while the effect runs: its log lines and the events it appends carry it.
        assertThat(currentInEffect.get()).as("the span current in the effect")
                .isEqualTo("00-" + request.getTraceId() + "-" + consumer.getSpanId() + "-01");
    }

    @Test
    void theBackboneGaugesReadTheOutboxAndTheDeadLetterQueue() {
        String deadLetters = "carepath.relay-it.trace-it." + UUID.randomUUID() + ".dlq";
        admin.declareQueue(new Queue(deadLetters, false, false, true));
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        new EventingMetrics(relay, admin, Map.of("trace-it", deadLetters)).bindTo(registry);
        var backlog = registry.get("carepath.outbox.backlog").tag("schema", SCHEMA).gauge();
        var lag = registry.get("carepath.outbox.lag").tag("schema", SCHEMA).gauge();
        var depth = registry.get("carepath.events.dead.letters").tag("group", "trace-it").gauge();
        assertThat(depth.value()).isZero();

        await().atMost(Duration.ofSeconds(30)).until(() -> relay.lag(SCHEMA) == 0);
        relay.stop();
        tx.executeWithoutResult(status -> {
            TenantScope.enter(jdbc, TENANT);
            new Outbox(jdbc, codec, URI.create("/carepath/trace-it"), null)
                    .append(SCHEMA, "trace.tested", "order-" + UUID.randomUUID(), TENANT, Map.of());
        });
        rabbit.convertAndSend("", deadLetters, "a dead letter");

        await().atMost(Duration.ofSeconds(30)).until(() -> backlog.value() == 1 && lag.value() > 0);
        await().atMost(Duration.ofSeconds(10)).until(() -> depth.value() == 1);
        relay.start();
        await().atMost(Duration.ofSeconds(30)).until(() -> backlog.value() == 0 && lag.value() == 0);
        admin.deleteQueue(deadLetters);
    }
}
