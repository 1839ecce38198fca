package dev.carepath.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventCodec;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.workers.tasks.JourneyTask;
import java.net.URI;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;
import java.util.stream.StreamSupport;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.amqp.rabbit.core.RabbitTemplate;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.messaging.Message;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

/**
 * Carrier tracking through the real broker and the partner simulator: a prescription submitted to Harbor Mail Rx (a
 * pharmacy that announces shipment.shipped and nothing after) and shipped by the production workers, the shipped
 * event put on the backbone as the portal's webhook ingress publishes it, then only USPS's tracking, looked up by the
 * job-workers, tells of the delivery or the exception.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT)
@ActiveProfiles("it")
class CarrierTrackingIT extends WorkerTestSupport {

    private static final Duration EVENTUALLY = Duration.ofSeconds(30);
    private static final URI PHARMACY_WEBHOOKS = URI.create("/carepath/portal/ingress");

    @Autowired @Qualifier("scheduleVisitWorker") JourneyTask scheduleVisit;
    @Autowired @Qualifier("recordRxWorker") JourneyTask recordRx;
    @Autowired @Qualifier("submitErxWorker") JourneyTask submitErx;
    @Autowired @Qualifier("reshipOrderWorker") JourneyTask reshipOrder;
    @Autowired @Qualifier("shipmentTracking") Consumer<Message<byte[]>> consumer;
    @Autowired RabbitTemplate rabbit;
    @Autowired EventCodec codec;

    private final RestClient simulator = RestClient.create(PARTNERS);
    private final String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
    private final String orderId = UUID.randomUUID().toString();

    @AfterEach
    void calmPartners() {
        simulator.delete().uri("/admin/faults").retrieve().toBodilessEntity();
        simulator.delete().uri("/admin/scenarios/{order}", orderId).retrieve().toBodilessEntity();
    }

    @Test
    void aParcelLeftToTheCarrierIsAnnouncedDeliveredOnceFromItsTracking() {
        String rxId = submittedTo("harbor-mail-rx");
        JsonNode parcel = shipped(rxId);
        DomainEvent shippedEvent = shippedEvent(rxId, parcel);

        publish(rabbit, codec, shippedEvent);
        publish(rabbit, codec, shippedEvent); // a redelivery
        await().atMost(EVENTUALLY).until(() -> announced(EventTypes.SHIPMENT_DELIVERED).size() == 1);
        consumer.accept(asDelivered(codec, shippedEvent)); // one more, applied before the assertions

        JsonNode delivered = announced(EventTypes.SHIPMENT_DELIVERED).get(0);
        assertThat(delivered.path("tenantid").asText()).isEqualTo(tenant);
        assertThat(delivered.path("source").asText()).isEqualTo("/carepath/job-workers/pharmacy");
        JsonNode data = delivered.path("data");
        assertThat(data.path("orderId").asText()).isEqualTo(orderId);
        assertThat(data.path("rxId").asText()).isEqualTo(rxId);
        assertThat(data.path("pharmacy").asText()).isEqualTo("harbor-mail-rx");
        assertThat(data.path("carrier").asText()).isEqualTo("USPS");
        assertThat(data.path("trackingNumber").asText()).isEqualTo(parcel.path("trackingNumber").asText());
        assertThat(data.path("pharmacyPrescriptionId").asText()).isEqualTo(parcel.path("pharmacyPrescriptionId").asText());
        assertThat(jdbc.queryForObject("SELECT status FROM pharmacy.tracked_parcel WHERE order_id = ?", String.class,
                orderId)).isEqualTo("delivered");
        assertThat(lookUps(parcel)).as("the carrier's ledger saw the look-ups").isPositive();
        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(4))
                .until(() -> announced(EventTypes.SHIPMENT_DELIVERED).size() == 1);
        assertThat(announced(EventTypes.SHIPMENT_EXCEPTION)).isEmpty();
    }

    @Test
    void aParcelTheCarrierReturnsIsAnnouncedAsAnExceptionWithItsReasonAndNeverDelivered() {
        simulator.put().uri("/admin/scenarios/{order}", orderId).contentType(MediaType.APPLICATION_JSON)
                .body("{\"parcelException\": \"returned\"}").retrieve().toBodilessEntity();
        String rxId = submittedTo("harbor-mail-rx");
        JsonNode parcel = shipped(rxId);

        publish(rabbit, codec, shippedEvent(rxId, parcel));
        await().atMost(EVENTUALLY).until(() -> announced(EventTypes.SHIPMENT_EXCEPTION).size() == 1);

        JsonNode data = announced(EventTypes.SHIPMENT_EXCEPTION).get(0).path("data");
        assertThat(data.path("reason").asText()).isEqualTo("returned");
        assertThat(data.path("cycle").asInt()).isEqualTo(1);
        assertThat(data.path("rxId").asText()).isEqualTo(rxId);
        assertThat(data.path("trackingNumber").asText()).isEqualTo(parcel.path("trackingNumber").asText());
        assertThat(jdbc.queryForList("SELECT status || ' ' || exception_reason FROM pharmacy.tracked_parcel"
                + " WHERE order_id = ?", String.class, orderId)).containsExactly("exception returned");
        assertThat(announced(EventTypes.SHIPMENT_DELIVERED)).isEmpty();
    }

    @Test
    void aCarrierThatCannotAnswerIsAskedAgainLaterAndNothingIsAnnouncedMeanwhile() {
        String rxId = submittedTo("harbor-mail-rx");
        JsonNode parcel = shipped(rxId);
        simulator.post().uri("/admin/faults/shipping").contentType(MediaType.APPLICATION_JSON)
                .body("{\"errorRate\": 1.0}").retrieve().toBodilessEntity();

        publish(rabbit, codec, shippedEvent(rxId, parcel));
        await().atMost(EVENTUALLY).until(() -> unanswered() >= 2);
        assertThat(announced(EventTypes.SHIPMENT_DELIVERED)).isEmpty();
        simulator.delete().uri("/admin/faults").retrieve().toBodilessEntity();

        await().atMost(EVENTUALLY).until(() -> announced(EventTypes.SHIPMENT_DELIVERED).size() == 1);
        assertThat(unanswered()).as("a carrier's answer resets the count").isZero();
    }

    @Test
    void aPharmacyThatReportsDeliveryItselfHasItsParcelsLeftAlone() {
        String cedarRx = submittedTo("cedar-pharmacy");
        JsonNode cedarParcel = shipped(cedarRx);

        consumer.accept(asDelivered(codec, shippedEvent(cedarRx, cedarParcel)));

        assertThat(jdbc.queryForObject("SELECT count(*) FROM pharmacy.tracked_parcel WHERE order_id = ?", Long.class,
                orderId)).isZero();
        assertThat(jdbc.queryForObject("SELECT count(*) FROM pharmacy.processed_event WHERE consumer = ?"
                + " AND tenant_id = ?", Long.class, "job-workers-shipment-tracking", tenant)).isEqualTo(1);
    }

    /** A prescription of the order, written and submitted to {@code pharmacy} by the production workers. */
    private String submittedTo(String pharmacy) {
        String rxId = prescribe(scheduleVisit, recordRx, tenant, orderId);
        ExternalTaskService service = mock(ExternalTaskService.class);
        submitErx.execute(task(tenant, orderId, Map.of("cycle", 1, "rxId", rxId, "pharmacy", pharmacy,
                "stateCode", "TX"), null), service);
        completedWith(service);
        return rxId;
    }

    /**
     * Has the pharmacy ship the prescription (the integration tests' simulator holds dispensing back, so through the
     * production reship worker) and returns the shipment as the pharmacy's ledger records it.
     */
    private JsonNode shipped(String rxId) {
        ExternalTaskService service = mock(ExternalTaskService.class);
        reshipOrder.execute(task(tenant, orderId, Map.of("cycle", 1), null), service);
        completedWith(service);
        return await().atMost(EVENTUALLY).until(() -> StreamSupport.stream(
                        ledger(simulator, "/erx/ledger").path("shipments").spliterator(), false)
                .filter(shipment -> shipment.path("messageId").asText().equals(rxId)).findFirst(),
                java.util.Optional::isPresent).orElseThrow();
    }

    /** {@code shipment.shipped} as the portal's webhook ingress publishes the pharmacy's webhook. */
    private DomainEvent shippedEvent(String rxId, JsonNode parcel) {
        Map<String, Object> data = Map.of("orderId", orderId, "rxId", rxId,
                "pharmacy", parcel.path("pharmacy").asText(),
                "pharmacyPrescriptionId", parcel.path("pharmacyPrescriptionId").asText(),
                "carrier", parcel.path("carrier").asText(), "trackingNumber", parcel.path("trackingNumber").asText());
        return new DomainEvent(UUID.randomUUID().toString(), EventTypes.SHIPMENT_SHIPPED, PHARMACY_WEBHOOKS, orderId,
                tenant, 2, OffsetDateTime.now(ZoneOffset.UTC).truncatedTo(ChronoUnit.MICROS), null, data);
    }

    private List<JsonNode> announced(String type) {
        return jdbc.queryForList("SELECT envelope::text FROM pharmacy.outbox WHERE aggregate_id = ? AND event_type = ?",
                String.class, orderId, type).stream().map(WorkerTestSupport::json).toList();
    }

    /** The look-ups in a row the carrier could not answer about the order's parcel; -1 before it is followed. */
    private int unanswered() {
        return jdbc.queryForList("SELECT unanswered FROM pharmacy.tracked_parcel WHERE order_id = ?", Integer.class,
                orderId).stream().findFirst().orElse(-1);
    }

    private long lookUps(JsonNode parcel) {
        return StreamSupport.stream(ledger(simulator, "/shipping/ledger").spliterator(), false)
                .filter(tracked -> tracked.path("trackingNumber").asText().equals(parcel.path("trackingNumber").asText()))
                .findFirst().map(tracked -> tracked.path("lookups").asLong()).orElse(0L);
    }
}
