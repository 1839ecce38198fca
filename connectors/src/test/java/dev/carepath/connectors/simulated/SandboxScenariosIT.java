package dev.carepath.connectors.simulated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.connectors.erx.CancelRx;
import dev.carepath.connectors.erx.ErxNetwork;
import dev.carepath.connectors.erx.ErxReceipt;
import dev.carepath.connectors.erx.HttpErxNetwork;
import dev.carepath.connectors.erx.NewRx;
import dev.carepath.connectors.partner.PartnerRejectedException;
import dev.carepath.connectors.telehealth.HttpTelehealthNetwork;
import dev.carepath.connectors.telehealth.TelehealthNetwork;
import dev.carepath.connectors.telehealth.VisitRequest;
import dev.carepath.connectors.testing.SimulatorTestBase;
import dev.carepath.connectors.testing.WebhookReceiver.Delivery;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/**
 * Sandbox scenarios: a test scripts what the partners do for its order ({@code /admin/scenarios}), and the
 * partners do exactly that, through their usual APIs, ledgers and webhooks.
 */
class SandboxScenariosIT extends SimulatorTestBase {

    private static final ObjectMapper JSON = new ObjectMapper();

    private TelehealthNetwork telehealth;
    private ErxNetwork erx;
    private final String orderId = UUID.randomUUID().toString();

    @BeforeEach
    void connectToTheSimulator() {
        telehealth = new HttpTelehealthNetwork(partnerHttp());
        erx = new HttpErxNetwork(partnerHttp());
    }

    @AfterEach
    void clearScenarios() {
        simulator().delete().uri("/admin/scenarios").retrieve().toBodilessEntity();
    }

    @Test
    void aVisitScriptedNotPrescribedEndsWithoutAPrescription() {
        scenario(orderId, "{\"visitOutcome\": \"not_prescribed\"}");

        String visitId = telehealth.scheduleVisit(
                new VisitRequest("meridian-health", orderId + ":visit", orderId, "TX", "semaglutide")).visitId();

        JsonNode completed = json(await().atMost(Duration.ofSeconds(10))
                .until(() -> WEBHOOKS.deliveriesContaining(orderId), received -> !received.isEmpty()).get(0));
        assertThat(completed.path("type").asText()).isEqualTo("visit.completed");
        assertThat(completed.path("outcome").asText()).isEqualTo("not_prescribed");
        assertThat(select(getJson("/telehealth/ledger"), field("visitId", visitId)))
                .singleElement().satisfies(visit -> assertThat(visit.path("outcome").asText()).isEqualTo("not_prescribed"));
        assertThatThrownBy(() -> telehealth.fetchPrescription("meridian-health", visitId))
                .isInstanceOfSatisfying(PartnerRejectedException.class,
                        rejected -> assertThat(rejected.code()).isEqualTo(PartnerRejectedException.NOT_FOUND));
    }

    @Test
    void aVisitScriptedNoShowNeverCompletesWhileOthersDo() {
        String other = UUID.randomUUID().toString();
        scenario(orderId, "{\"visitOutcome\": \"no_show\"}");

        String missed = telehealth.scheduleVisit(
                new VisitRequest("meridian-health", orderId + ":visit", orderId, "TX", "semaglutide")).visitId();
        telehealth.scheduleVisit(new VisitRequest("meridian-health", other + ":visit", other, "TX", "semaglutide"));

        await().atMost(Duration.ofSeconds(10))
                .until(() -> WEBHOOKS.deliveriesContaining(other), received -> !received.isEmpty());
        assertThat(WEBHOOKS.deliveriesContaining(orderId)).isEmpty();
        assertThat(select(getJson("/telehealth/ledger"), field("visitId", missed))).singleElement()
                .satisfies(visit -> {
                    assertThat(visit.path("outcome").isNull()).isTrue();
                    assertThat(visit.path("completedAt").isNull()).isTrue();
                });
    }

    @Test
    void aPharmacyScriptedToRejectSendsTheNewRxBackWithItsReasonAndAnotherAccepts() {
        scenario(orderId, "{\"erxRejections\": {\"cedar-pharmacy\": \"out_of_stock\"}}");
        String rxId = UUID.randomUUID().toString();

        assertThatThrownBy(() -> erx.submitNewRx(newRx("cedar-pharmacy", rxId, orderId)))
                .isInstanceOfSatisfying(PartnerRejectedException.class, rejected -> {
                    assertThat(rejected.code()).isEqualTo(ErxNetwork.ERX_REJECTED);
                    assertThat(rejected.reason()).isEqualTo("out_of_stock");
                });
        ErxReceipt accepted = erx.submitNewRx(newRx("harbor-mail-rx", rxId, orderId));

        JsonNode ledger = getJson("/erx/ledger");
        assertThat(select(ledger.path("rejections"), field("clientReference", orderId))).singleElement()
                .satisfies(rejection -> {
                    assertThat(rejection.path("pharmacy").asText()).isEqualTo("cedar-pharmacy");
                    assertThat(rejection.path("messageId").asText()).isEqualTo(rxId);
                    assertThat(rejection.path("reason").asText()).isEqualTo("out_of_stock");
                });
        assertThat(select(ledger.path("prescriptions"), field("clientReference", orderId)))
                .extracting(prescription -> prescription.path("pharmacyPrescriptionId").asText())
                .containsExactly(accepted.pharmacyPrescriptionId());
    }

    @Test
    void aDispenseScriptedToBeHeldIsNeverFilledAndStaysCancellable() {
        String other = UUID.randomUUID().toString();
        scenario(orderId, "{\"holdDispense\": true}");
        String heldRx = UUID.randomUUID().toString();

        erx.submitNewRx(newRx("cedar-pharmacy", heldRx, orderId));
        erx.submitNewRx(newRx("cedar-pharmacy", UUID.randomUUID().toString(), other));

        // Submitted together: once the other order's prescription has shipped, the held one had its chance.
        await().atMost(Duration.ofSeconds(10)).until(() -> select(getJson("/erx/ledger").path("shipments"),
                field("clientReference", other)).size() == 1);
        JsonNode ledger = getJson("/erx/ledger");
        assertThat(select(ledger.path("dispenses"), field("clientReference", orderId))).isEmpty();
        assertThat(WEBHOOKS.deliveriesContaining(orderId)).isEmpty();
        assertThat(erx.cancelRx(new CancelRx("cedar-pharmacy", "cancel:" + heldRx, heldRx, "order cancelled")).status())
                .isEqualTo("cancelled");
        assertThat(select(getJson("/erx/ledger").path("cancellations"), field("clientReference", orderId))).hasSize(1);
    }

    @Test
    void aParcelScriptedLostIsAnnouncedAsAShipmentExceptionAndNeverDelivered() {
        scenario(orderId, "{\"parcelException\": \"lost\"}");

        erx.submitNewRx(newRx("cedar-pharmacy", UUID.randomUUID().toString(), orderId));

        List<JsonNode> events = await().atMost(Duration.ofSeconds(10))
                .until(() -> WEBHOOKS.deliveriesContaining(orderId), received -> received.size() >= 3)
                .stream().map(SandboxScenariosIT::json).toList();
        assertThat(events).extracting(event -> event.path("type").asText())
                .containsExactly("rx.dispensed", "shipment.shipped", "shipment.exception");
        JsonNode exception = events.get(2);
        assertThat(exception.path("reason").asText()).isEqualTo("lost");
        assertThat(select(getJson("/shipping/ledger"), field("trackingNumber", exception.path("trackingNumber").asText())))
                .singleElement().satisfies(parcel -> {
                    assertThat(parcel.path("stage").asText()).isEqualTo("EXCEPTION");
                    assertThat(parcel.path("incident").asText()).isEqualTo("LOST");
                });
    }

    @Test
    void theScenarioAdminApiListsReplacesRefusesNonsenseAndClears() {
        assertThat(scenario(orderId, "{\"visitOutcome\": \"no_show\"}").getStatusCode().value()).isEqualTo(200);
        ResponseEntity<String> replaced = scenario(orderId, "{\"parcelException\": \"returned\", \"holdDispense\": false}");
        assertThat(replaced.getStatusCode().value()).isEqualTo(200);
        assertThat(getJson("/admin/scenarios").path(orderId).path("parcelException").asText()).isEqualTo("returned");
        assertThat(getJson("/admin/scenarios").path(orderId).has("visitOutcome")).as("replaced, not merged").isFalse();

        for (String nonsense : List.of("{\"visitOutcome\": \"cured\"}", "{\"parcelExeption\": \"lost\"}",
                "{\"erxRejections\": {\"cedar-pharmacy\": 42}}", "{\"holdDispense\": \"maybe\"}", "[]")) {
            ResponseEntity<String> refused = scenario(orderId, nonsense);
            assertThat(refused.getStatusCode().value()).as(nonsense).isEqualTo(400);
            assertThat(refused.getHeaders().getContentType()).as(nonsense).isEqualTo(MediaType.APPLICATION_PROBLEM_JSON);
        }
        assertThat(getJson("/admin/scenarios").path(orderId).path("parcelException").asText())
                .as("a refused scenario changes nothing").isEqualTo("returned");

        HttpStatusCode cleared = simulator().delete().uri("/admin/scenarios").retrieve().toBodilessEntity()
                .getStatusCode();
        assertThat(cleared.value()).isEqualTo(204);
        assertThat(getJson("/admin/scenarios").size()).isZero();
    }

    private ResponseEntity<String> scenario(String clientReference, String json) {
        return simulator().put().uri("/admin/scenarios/{clientReference}", clientReference)
                .contentType(MediaType.APPLICATION_JSON).body(json)
                .exchange((request, answer) -> ResponseEntity.status(answer.getStatusCode())
                        .headers(answer.getHeaders()).body(answer.bodyTo(String.class)));
    }

    private static NewRx newRx(String pharmacy, String rxId, String orderId) {
        return new NewRx(pharmacy, rxId, orderId, "TX", "semaglutide", "0.25", 4,
                "Inject 0.25 mg subcutaneously once weekly for 4 weeks", "1234567893");
    }

    private static JsonNode json(Delivery delivery) {
        try {
            return JSON.readTree(delivery.body());
        } catch (Exception e) {
            throw new AssertionError("Webhook body is not JSON", e);
        }
    }
}
