package dev.carepath.portal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.carepath.eventing.testing.PhiScan;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.amqp.core.AmqpAdmin;
import org.springframework.amqp.core.BindingBuilder;
import org.springframework.amqp.core.Message;
import org.springframework.amqp.core.Queue;
import org.springframework.amqp.core.TopicExchange;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

/**
 * A whole journey through every deployable as it runs in production, and then a search for the patient's PHI
 * everywhere it must never be. The portal runs in this JVM; the engine, the job-workers and the partner simulator
 * run as processes of their own from their jars ({@link PlatformIntegrationSupport}), the simulator's signed webhooks
 * coming back to this portal. An agent starts a journey and gives an intake full of sentinel values (a made-up name,
 * birth date, street, e-mail, height and weight) through the agent API, the journey runs two cycles (the follow-up
 * timer compressed to one second per titration week), an agent with {@code phi:read} reads the prescription, and
 * then:
 * <ul>
 *   <li>no sentinel is in any text, JSON or byte column of the engine's tables, runtime or history;</li>
 *   <li>no sentinel is in any message published on the event exchange during the run (captured by a queue of
 *       this test bound to every routing key), body or headers;</li>
 *   <li>no sentinel is in the logs of the engine, the job-workers or the portal;</li>
 *   <li>the clinical store holds the intake and the prescriptions as Tink ciphertext: no sentinel in any of its
 *       columns either.</li>
 * </ul>
 * So that the scan cannot pass by looking at nothing, it also shows that the places it searched hold this
 * journey's data, and that the same search does find a sentinel where one is legitimately stored in clear
 * (the agent's patient reference in the portal's order table).
 */
@ExtendWith(OutputCaptureExtension.class)
class PhiStaysInTheClinicalStoreIT extends PlatformIntegrationSupport {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final String EVENTS = "carepath.events";

    @Autowired AmqpAdmin amqp;
    @Autowired RabbitTemplate rabbit;

    private final String tenant = newTenant();
    private final String patientReference = "pat-phi-" + UUID.randomUUID().toString().substring(0, 8);

    /** The patient's PHI: values nothing else in the platform could contain by chance. */
    private final List<String> sentinels = List.of("Zephyrine", "Quillfeather-Oduya", "1979-11-23", "11/23/1979",
            "4417 Marrowbone Lane", "Austin TX 78704", "zq.oduya+carepath@example.org", "171.37", "96.83",
            // The directions on every prescription the simulated doctors write (Rx details).
            "subcutaneously");

    @Test
    void aWholeJourneyLeavesNoPhiInTheEngineTheEventsOrTheLogs(CapturedOutput portalOutput) {
        String capture = captureEveryEvent();
        try {
            String journeyId = startJourney();
            putIntake(journeyId);

            await().atMost(Duration.ofMinutes(3)).pollInterval(Duration.ofSeconds(1))
                    .until(() -> cyclesRequestedNext(journeyId) >= 2);
            assertThat(get("/v1/journeys/" + journeyId, agentToken(tenant)).json().path("status").asText())
                    .isEqualTo("COMPLETED");
            Response prescription = get("/v1/journeys/" + journeyId + "/prescription?purpose=treatment",
                    token(provisionedClient(tenant, List.of("phi:read"))));
            assertThat(prescription.status()).as(prescription.body()).isEqualTo(200);
            assertThat(prescription.json().path("directions").asText()).as("the Rx read in clear, by its reader")
                    .containsIgnoringCase("subcutaneously");

            List<Message> messages = drain(capture);
            List<String> found = new ArrayList<>();
            found.addAll(PhiScan.columnsHolding(jdbc, "engine", sentinels));
            for (Message message : messages) {
                found.addAll(PhiScan.textHolding("event " + message.getMessageProperties().getReceivedRoutingKey(),
                        new String(message.getBody(), StandardCharsets.UTF_8)
                                + message.getMessageProperties().getHeaders(), sentinels));
            }
            found.addAll(PhiScan.textHolding("engine log", platform().engine().output(), sentinels));
            found.addAll(PhiScan.textHolding("job-workers log", platform().workers().output(), sentinels));
            found.addAll(PhiScan.textHolding("portal log", portalOutput.getAll(), sentinels));
            found.addAll(PhiScan.columnsHolding(jdbc, "clinical", sentinels));
            assertThat(found).as("PHI outside the clinical store, or in it in clear").isEmpty();

            // The places searched hold this journey: its events, its engine history, its log lines, its sealed PHI.
            assertThat(messages).as("events of this journey on the exchange")
                    .filteredOn(message -> journeyId.equals(message.getMessageProperties().getHeaders()
                            .get("ce_subject")) || new String(message.getBody(), StandardCharsets.UTF_8).contains(journeyId))
                    .hasSizeGreaterThan(20);
            assertThat(count("SELECT count(*) FROM engine.act_hi_procinst WHERE business_key_ = ?", journeyId))
                    .as("cycles in the engine's history").isGreaterThanOrEqualTo(2);
            assertThat(count("SELECT count(*) FROM engine.act_hi_varinst v JOIN engine.act_hi_procinst p"
                    + " ON v.proc_inst_id_ = p.proc_inst_id_ WHERE p.business_key_ = ?", journeyId))
                    .as("variables in the engine's history").isGreaterThan(10);
            assertThat(platform().workers().output()).as("job-workers log lines of this journey").contains(journeyId);
            assertThat(platform().engine().output()).as("engine log lines of this journey").contains(journeyId);
            assertThat(PhiScan.scannedColumns(jdbc, "engine")).as("engine columns scanned").isGreaterThan(50);
            assertThat(count("SELECT count(*) FROM clinical.intake WHERE order_id = ? AND get_byte(payload, 0) = 1",
                    journeyId)).as("the intake, sealed (Tink's key-id prefix)").isEqualTo(1);
            assertThat(count("SELECT count(*) FROM clinical.prescription WHERE order_id = ?"
                    + " AND get_byte(details, 0) = 1", journeyId)).as("the prescriptions of both cycles, sealed")
                    .isGreaterThanOrEqualTo(2);
            assertThat(count("SELECT count(*) FROM clinical.prescription WHERE order_id = ?"
                    + " AND get_byte(details, 0) <> 1", journeyId)).as("prescriptions in clear").isZero();
            // The same search finds a value where it is stored in clear: it would have found a leak.
            assertThat(PhiScan.columnsHolding(jdbc, "orders", List.of(patientReference))).isNotEmpty();
        } finally {
            amqp.deleteQueue(capture);
        }
    }

    /** A queue of this test bound to every event type, so every message published from now on is kept for it. */
    private String captureEveryEvent() {
        String name = "it.phi-scan." + UUID.randomUUID();
        amqp.declareExchange(new TopicExchange(EVENTS, true, false));
        amqp.declareQueue(new Queue(name, false, false, false));
        amqp.declareBinding(BindingBuilder.bind(new Queue(name)).to(new TopicExchange(EVENTS)).with("#"));
        return name;
    }

    private List<Message> drain(String queue) {
        List<Message> messages = new ArrayList<>();
        for (Message message = rabbit.receive(queue); message != null; message = rabbit.receive(queue)) {
            messages.add(message);
        }
        return messages;
    }

    private String startJourney() {
        Response started = post("/v1/journeys", Map.of("Idempotency-Key", UUID.randomUUID().toString()),
                journeyBody(tenant, patientReference, "semaglutide", "TX", "tok_visa_4242"));
        assertThat(started.status()).as(started.body()).isEqualTo(202);
        return started.json().path("journeyId").asText();
    }

    /** The patient's intake (PHI), given by the agent; the portal forwards it to the clinical store. */
    private void putIntake(String journeyId) {
        String intake = """
                {"givenName": "Zephyrine", "familyName": "Quillfeather-Oduya", "dateOfBirth": "1979-11-23",
                 "address": "4417 Marrowbone Lane, Austin TX 78704", "email": "zq.oduya+carepath@example.org",
                 "heightCm": 171.37, "weightKg": 96.83, "comorbidities": [], "contraindications": []}""";
        Response stored = put("/v1/journeys/" + journeyId + "/intake", agentToken(tenant), intake);
        assertThat(stored.status()).as(stored.body()).isEqualTo(204);
    }

    /** Cycles of the journey that ran to "Next cycle requested", from the engine's history. */
    private long cyclesRequestedNext(String journeyId) {
        HttpResponse<String> counted = send(HttpRequest.newBuilder(URI.create(platform().engine().url()
                        + "/engine-rest/history/process-instance/count?processDefinitionKey=patient-journey"
                        + "&processInstanceBusinessKey=" + journeyId
                        + "&finished=true&executedActivityIdIn=EndEvent_NextCycleRequested"))
                .header("Authorization", basic("admin", "admin-local")).GET());
        try {
            return json.readTree(counted.body()).path("count").asLong();
        } catch (IOException e) {
            throw new IllegalStateException(counted.body(), e);
        }
    }

    private static String basic(String user, String password) {
        return "Basic " + Base64.getEncoder().encodeToString((user + ":" + password).getBytes(StandardCharsets.UTF_8));
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) {
        try {
            return HTTP.send(request.timeout(Duration.ofSeconds(20)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
