package dev.carepath.workers;

import static org.awaitility.Awaitility.await;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.simulator.PartnerSimulatorApplication;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.eventing.StreamBridgePublisher;
import dev.carepath.eventing.testing.TestDatabase;
import dev.carepath.workers.tasks.JourneyTask;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import javax.sql.DataSource;
import org.camunda.bpm.client.task.ExternalTask;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.mockito.ArgumentCaptor;
import org.springframework.amqp.core.MessageBuilder;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.messaging.Message;
import org.springframework.messaging.MessageHeaders;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.web.client.RestClient;

/**
 * What the worker integration tests share: one partner simulator on a free port for all of them (at the HTTP
 * boundary; closed by the JVM's shutdown hook), the engine's two decision reads ({@link EngineDecisionReads}), the
 * engine's side of a task (the
 * fetched task and the service that takes its outcome), a view of the stored rows past row-level security,
 * and storing an intake with the clinical endpoint's service credential.
 */
abstract class WorkerTestSupport {

    /** What the workers' classpath would switch on in the simulator, which has no database or broker. */
    private static final String NOT_IN_SIMULATOR = String.join(",",
            "org.springframework.boot.autoconfigure.jdbc.DataSourceAutoConfiguration",
            "org.springframework.boot.autoconfigure.amqp.RabbitAutoConfiguration",
            "org.springframework.cloud.stream.config.BindingServiceConfiguration",
            "org.springframework.cloud.stream.config.BindersHealthIndicatorAutoConfiguration",
            "org.springframework.cloud.stream.function.FunctionConfiguration",
            "org.camunda.bpm.client.spring.boot.starter.impl.ClientAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.servlet.SecurityAutoConfiguration",
            "org.springframework.boot.autoconfigure.security.servlet.UserDetailsServiceAutoConfiguration",
            "org.springframework.boot.actuate.autoconfigure.security.servlet.ManagementWebSecurityAutoConfiguration",
            "dev.carepath.eventing.EventingAutoConfiguration",
            "dev.carepath.tenancy.TenancyAutoConfiguration");

    private static final ObjectMapper JSON = new ObjectMapper();

    static final ConfigurableApplicationContext SIMULATOR = startSimulator(
            "--simulator.telehealth.visit-completion-delay=100ms", "--simulator.pharmacy.dispense-delay=1h",
            // The keys the processors issued to the merchant accounts of TenantMerchantsIT (application-it.yml).
            "--simulator.payments.merchant-keys[0].processor=northpay",
            "--simulator.payments.merchant-keys[0].merchant-account=acct_it_north",
            "--simulator.payments.merchant-keys[0].key=sk_it_north_7d2c",
            "--simulator.payments.merchant-keys[1].processor=keystone-payments",
            "--simulator.payments.merchant-keys[1].merchant-account=ks_it_keystone",
            "--simulator.payments.merchant-keys[1].key=sk_it_keystone_91ab",
            "--simulator.payments.merchant-keys[2].processor=keystone-payments",
            "--simulator.payments.merchant-keys[2].merchant-account=ks_it_moved",
            "--simulator.payments.merchant-keys[2].key=sk_it_moved_5e60");
    static final String PARTNERS = baseUrl(SIMULATOR);
    /** The engine's decision reads (the eligibility table in force), for all of them. */
    static final EngineDecisionReads ENGINE_DECISIONS = new EngineDecisionReads("jobworkers", "workers-local");

    /** The test's view of the stored rows, past row-level security. */
    protected JdbcTemplate jdbc;

    @Value("${carepath.clinical.intake.user}")
    protected String intakeUser;

    @Value("${carepath.clinical.intake.password}")
    protected String intakePassword;

    @Autowired
    void inspect(DataSource dataSource) {
        jdbc = TestDatabase.superuser(dataSource);
    }

    /** Stores an order's intake through the clinical endpoint of the job-workers on {@code port}, as its caller must. */
    HttpStatusCode storeIntake(int port, String tenant, String order, Object intake) {
        return RestClient.create("http://127.0.0.1:" + port).put()
                .uri("/internal/clinical/intakes/{tenant}/{order}", tenant, order)
                .headers(headers -> headers.setBasicAuth(intakeUser, intakePassword))
                .contentType(MediaType.APPLICATION_JSON).body(intake).retrieve().toBodilessEntity().getStatusCode();
    }

    @DynamicPropertySource
    static void partners(DynamicPropertyRegistry registry) {
        registry.add("carepath.partners.base-url", () -> PARTNERS);
        registry.add("carepath.decisions.engine-url", ENGINE_DECISIONS::baseUrl);
    }

    /**
     * Starts the simulator on a free port, its webhooks sent nowhere, with the given extra settings. Passed as
     * arguments: they must outrank the simulator's own simulator.yml, which default properties would not.
     */
    static ConfigurableApplicationContext startSimulator(String... settings) {
        String[] args = new String[settings.length + 4];
        args[0] = "--server.port=0";
        args[1] = "--spring.autoconfigure.exclude=" + NOT_IN_SIMULATOR;
        args[2] = "--simulator.webhooks.target-url=http://127.0.0.1:9";
        args[3] = "--simulator.webhooks.max-attempts=1";
        System.arraycopy(settings, 0, args, 4, settings.length);
        return new SpringApplicationBuilder(PartnerSimulatorApplication.class)
                .properties("spring.config.name=" + PartnerSimulatorApplication.CONFIG_NAME)
                .run(args);
    }

    static String baseUrl(ConfigurableApplicationContext simulator) {
        return "http://127.0.0.1:" + simulator.getEnvironment().getProperty("local.server.port");
    }

    /** Puts the event on the backbone exchange as the relay does: the envelope, JSON, routing key and header = type. */
    static void publish(RabbitTemplate rabbit, EventCodec codec, DomainEvent event) {
        rabbit.send("carepath.events", event.type(), MessageBuilder.withBody(codec.encode(event))
                .setContentType("application/json")
                .setMessageId(event.id())
                .setHeader(StreamBridgePublisher.TYPE_HEADER, event.type())
                .build());
    }

    /** The event as the binder hands it to a bound function. */
    static Message<byte[]> asDelivered(EventCodec codec, DomainEvent event) {
        return org.springframework.messaging.support.MessageBuilder.withPayload(codec.encode(event))
                .setHeader(MessageHeaders.CONTENT_TYPE, "application/json")
                .setHeader(StreamBridgePublisher.TYPE_HEADER, event.type())
                .build();
    }

    /** A task of the tenant's order as the engine would hand it to a worker. */
    static ExternalTask task(String tenant, String orderId, Map<String, Object> variables, Integer retries) {
        ExternalTask task = mock(ExternalTask.class);
        when(task.getTenantId()).thenReturn(tenant);
        when(task.getBusinessKey()).thenReturn(orderId);
        when(task.getRetries()).thenReturn(retries);
        when(task.getAllVariables()).thenReturn(new HashMap<>(variables));
        variables.forEach((name, value) -> when(task.getVariable(name)).thenReturn(value));
        return task;
    }

    /**
     * A visit booked in Texas with meridian-health and its prescription recorded, by the production workers, for the
     * tenant's order; returns the Rx id.
     */
    static String prescribe(JourneyTask scheduleVisit, JourneyTask recordRx, String tenant,
            String orderId) {
        ExternalTaskService visitService = mock(ExternalTaskService.class);
        scheduleVisit.execute(task(tenant, orderId, Map.of("cycle", 1, "providerNetwork", "meridian-health",
                "stateCode", "TX", "therapy", "semaglutide"), null), visitService);
        String visitId = completedWith(visitService).get("visitId").toString();
        RestClient simulator = RestClient.create(PARTNERS);
        await().atMost(Duration.ofSeconds(30)).until(() -> simulator.get()
                .uri("/telehealth/meridian-health/visits/{id}/prescription", visitId)
                .exchange((request, response) -> response.getStatusCode().is2xxSuccessful()));
        ExternalTaskService rxService = mock(ExternalTaskService.class);
        recordRx.execute(task(tenant, orderId, Map.of("cycle", 1, "providerNetwork", "meridian-health",
                "visitId", visitId), null), rxService);
        return completedWith(rxService).get("rxId").toString();
    }

    /** The variables the worker completed its task with. */
    @SuppressWarnings("unchecked")
    static Map<String, Object> completedWith(ExternalTaskService service) {
        ArgumentCaptor<Map<String, Object>> variables = ArgumentCaptor.forClass(Map.class);
        verify(service).complete(any(ExternalTask.class), variables.capture());
        return variables.getValue();
    }

    /** {@code text} as JSON. */
    static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    /** A partner ledger of the simulator, as JSON. */
    static JsonNode ledger(RestClient simulator, String path) {
        try {
            return JSON.readTree(simulator.get().uri(path).retrieve().body(String.class));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
