package dev.carepath.portal.admin;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.eventing.MalformedEventException;
import dev.carepath.portal.BackboneEvents;
import dev.carepath.portal.PortalIntegrationSupport;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.cloud.stream.config.BindingServiceProperties;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Dead letters of the read model's consumer group: a message that keeps failing is dead-lettered after
 * the bounded retries while later messages are still processed, staff see and replay it once its cause
 * is fixed, and it is applied once. A message that is no event envelope is dead-lettered without retries.
 */
class DeadLettersIT extends PortalIntegrationSupport {

    private static final String GROUP = "portal-read-model";
    private static final Duration RETRIES_EXHAUSTED = Duration.ofSeconds(60);

    @Autowired
    RabbitTemplate rabbit;

    @Autowired
    EventCodec codec;

    @Autowired
    BindingServiceProperties bindings;

    @Autowired
    ConfigurableApplicationContext context;

    private long stepsOf(DomainEvent event) {
        return count("SELECT count(*) FROM read.journey_step WHERE event_id = ?::uuid", event.id());
    }

    @Test
    void aPoisonMessageIsDeadLetteredAfterBoundedRetriesAndProcessedOnceAfterReplay() {
        BackboneEvents backbone = new BackboneEvents(rabbit, codec);
        String tenant = newTenant();
        UUID journeyId = startJourney(tenant);
        UUID otherJourney = startJourney(tenant);
        DomainEvent poison = BackboneEvents.event(EventTypes.JOURNEY_STARTED, journeyId, tenant,
                OffsetDateTime.now(ZoneOffset.UTC), Map.of());
        DomainEvent next = BackboneEvents.event(EventTypes.JOURNEY_STARTED, otherJourney, tenant,
                OffsetDateTime.now(ZoneOffset.UTC), Map.of());
        String suffix = UUID.randomUUID().toString().substring(0, 8);
        // The cause: the read model's table refuses this one event; every attempt is counted.
        jdbc.execute("CREATE SEQUENCE read.attempts_" + suffix);
        // SECURITY DEFINER: the consumer's application role may not use the test's counter itself.
        jdbc.execute("CREATE FUNCTION read.refuse_" + suffix + "() RETURNS trigger LANGUAGE plpgsql SECURITY DEFINER"
                + " AS $$"
                + " BEGIN PERFORM nextval('read.attempts_" + suffix + "'); RAISE EXCEPTION 'refused for the test';"
                + " END $$");
        jdbc.execute("CREATE TRIGGER refuse_" + suffix + " BEFORE INSERT ON read.journey_step FOR EACH ROW"
                + " WHEN (NEW.event_id = '" + poison.id() + "') EXECUTE FUNCTION read.refuse_" + suffix + "()");
        try {
            backbone.publish(poison);
            backbone.publish(next);

            await().atMost(RETRIES_EXHAUSTED).until(() -> stepsOf(next) == 1);
            await().atMost(EVENTUALLY).until(() -> staffGet(deadLetter(poison)).status() == 200);
            JsonNode dead = staffGet(deadLetter(poison)).json();
            assertThat(dead.path("eventType").asText()).isEqualTo(EventTypes.JOURNEY_STARTED);
            assertThat(dead.path("reason").asText()).contains("refused for the test");
            assertThat(dead.path("envelope").path("id").asText()).isEqualTo(poison.id());
            assertThat(staffGet("/v1/admin/dead-letters/" + GROUP).json().path("messages")
                    .findValuesAsText("messageId")).contains(poison.id());
            // Bounded: the configured number of attempts, then no more.
            assertThat(jdbc.queryForObject("SELECT last_value FROM read.attempts_" + suffix, Long.class))
                    .isEqualTo(bindings.getConsumerProperties("readModel-in-0").getMaxAttempts());
            assertThat(stepsOf(poison)).isZero();
        } finally {
            jdbc.execute("DROP TRIGGER refuse_" + suffix + " ON read.journey_step");
            jdbc.execute("DROP FUNCTION read.refuse_" + suffix + "()");
            jdbc.execute("DROP SEQUENCE read.attempts_" + suffix);
        }

        Response replayed = staffPost(deadLetter(poison) + "/replay", Map.of(), "");

        assertThat(replayed.status()).isEqualTo(200);
        await().atMost(EVENTUALLY).until(() -> stepsOf(poison) == 1);
        assertThat(count("SELECT count(*) FROM read.processed_event WHERE event_id = ?::uuid", poison.id()))
                .isEqualTo(1);
        assertThat(get("/v1/journeys/" + journeyId).json().path("status").asText()).isEqualTo("STARTED");
        staffGet(deadLetter(poison)).assertProblem(404, "not-found");
        staffPost(deadLetter(poison) + "/replay", Map.of(), "").assertProblem(404, "not-found");
        // Only the failing consumer saw it again: the audit store holds it once.
        assertThat(count("SELECT count(*) FROM audit.audit_event WHERE event_id = ?::uuid", poison.id()))
                .isEqualTo(1);
    }

    @Test
    void aMessageThatIsNoEventEnvelopeIsDeadLetteredWithoutRetries() {
        assertThat(bindings.getConsumerProperties("readModel-in-0").getRetryableExceptions())
                .containsEntry(MalformedEventException.class, false);
        String messageId = UUID.randomUUID().toString();

        new BackboneEvents(rabbit, codec).publishRaw(EventTypes.JOURNEY_STARTED, messageId,
                "{\"specversion\": \"1.0\", \"id\": \"no-tenant\"".getBytes(StandardCharsets.UTF_8));

        String path = "/v1/admin/dead-letters/" + GROUP + "/" + messageId;
        await().atMost(EVENTUALLY).until(() -> staffGet(path).status() == 200);
        assertThat(staffGet(path).json().path("reason").asText()).contains("not a carepath event envelope");
    }

    @Test
    void unknownGroupsAndMessagesAreNotFound() {
        staffGet("/v1/admin/dead-letters/no-such-group").assertProblem(404, "not-found");
        staffGet("/v1/admin/dead-letters/" + GROUP + "/" + UUID.randomUUID()).assertProblem(404, "not-found");
        JsonNode groups = staffGet("/v1/admin/dead-letters").json().path("groups");
        assertThat(groups.findValuesAsText("group")).contains(GROUP, "portal-audit");
        assertThat(groups.findValuesAsText("queue")).contains("carepath.events." + GROUP + ".dlq");
    }

    @Test
    void theCommandsPrintWhatTheEndpointsAnswer() {
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);

        assertThat(PortalCommands.execute(context, "dead-letters", List.of(), out)).isZero();
        assertThat(PortalCommands.execute(context, "dead-letter", List.of(GROUP, UUID.randomUUID().toString()), out))
                .isEqualTo(1);
        assertThat(PortalCommands.execute(context, "dead-letter", List.of(GROUP), out)).isEqualTo(2);

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains(GROUP + "\t").contains("no such dead letter");
    }

    @Test
    void theAuditCommandsAnchorAndVerify() {
        String tenant = newTenant();
        startJourney(tenant);
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        PrintStream out = new PrintStream(printed, true, StandardCharsets.UTF_8);
        await().atMost(EVENTUALLY).until(() -> count("SELECT count(*) FROM audit.audit_event WHERE tenant_id = ?",
                tenant) > 0);

        assertThat(PortalCommands.execute(context, "audit-anchor", List.of(), out)).isZero();
        assertThat(PortalCommands.execute(context, "audit-verify", List.of(tenant), out)).isZero();

        assertThat(printed.toString(StandardCharsets.UTF_8)).contains("anchors.jws").contains(tenant)
                .containsPattern("\"anchoredRows\" : [1-9]");
    }

    private static String deadLetter(DomainEvent event) {
        return "/v1/admin/dead-letters/" + GROUP + "/" + event.id();
    }
}
