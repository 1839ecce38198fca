package dev.carepath.connectors.simulated;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.connectors.erx.ErxNetwork;
import dev.carepath.connectors.erx.HttpErxNetwork;
import dev.carepath.connectors.erx.NewRx;
import dev.carepath.connectors.payments.ChargeRequest;
import dev.carepath.connectors.payments.HttpPaymentGateway;
import dev.carepath.connectors.payments.PaymentGateway;
import dev.carepath.connectors.testing.SimulatorTestBase;
import dev.carepath.simulator.PartnerKind;
import dev.carepath.simulator.Reply;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;

/** The simulator's own contract: what partners refuse outright, the ledger summary, and the fault admin API. */
class PartnerSimulatorIT extends SimulatorTestBase {

    @Test
    void aChargeWithoutAnIdempotencyKeyIsRefusedAndChargesNothing() {
        long chargesBefore = summary().path("charges").asLong();

        ResponseEntity<String> response = simulator().post().uri("/payments/northpay/charges")
                .contentType(MediaType.APPLICATION_JSON)
                .body("{\"merchantAccount\":\"acct_1\",\"paymentToken\":\"tok_visa\",\"amountMinor\":100,\"currency\":\"USD\"}")
                .exchange((request, answer) -> ResponseEntity.status(answer.getStatusCode()).body(answer.bodyTo(String.class)));

        assertThat(response.getStatusCode()).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(response.getBody()).contains("missing_idempotency_key");
        assertThat(summary().path("charges").asLong()).isEqualTo(chargesBefore);
    }

    @Test
    void theSimulatorServesItsMetricsAndNoOtherActuatorEndpoint() {
        // Its probe is the ledger summary; of the actuator it serves Prometheus' scrape only (docs/adr/0019).
        for (String endpoint : List.of("/actuator", "/actuator/info", "/actuator/metrics", "/actuator/env",
                "/actuator/health")) {
            ResponseEntity<String> response = simulator().get().uri(endpoint)
                    .exchange((request, answer) -> ResponseEntity.status(answer.getStatusCode()).body(answer.bodyTo(String.class)));

            assertThat(response.getStatusCode()).as(endpoint).isEqualTo(HttpStatus.NOT_FOUND);
        }
    }

    @Test
    void aReplayedAnswerSaysSo() {
        String key = "tenant-1:order-" + UUID.randomUUID() + ":1";
        String body = "{\"merchantAccount\":\"acct_1\",\"paymentToken\":\"tok_visa\",\"amountMinor\":100,\"currency\":\"USD\"}";

        ResponseEntity<String> first = postCharge(key, body);
        ResponseEntity<String> second = postCharge(key, body);

        assertThat(first.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(first.getHeaders().containsKey(Reply.REPLAYED_HEADER)).isFalse();
        assertThat(second.getStatusCode()).isEqualTo(HttpStatus.CREATED);
        assertThat(second.getHeaders().getFirst(Reply.REPLAYED_HEADER)).isEqualTo("true");
        assertThat(second.getBody()).isEqualTo(first.getBody());
    }

    @Test
    void theSummaryCountsDoubleChargesAndDoublePrescriptionsFromTheLedgers() {
        PaymentGateway payments = new HttpPaymentGateway(partnerHttp());
        ErxNetwork erx = new HttpErxNetwork(partnerHttp());
        JsonNode before = summary();

        String key = "tenant-1:order-" + UUID.randomUUID() + ":1";
        payments.charge(new ChargeRequest("northpay", key, "acct_1", "tok_visa", 19_900, "USD"));
        payments.charge(new ChargeRequest("northpay", key, "acct_1", "tok_visa", 19_900, "USD"));
        JsonNode afterIdempotentRetry = summary();
        // The same order cycle charged again at another processor: money moved twice.
        payments.charge(new ChargeRequest("keystone-payments", key, "acct_1", "tok_visa", 19_900, "USD"));
        NewRx newRx = new NewRx("cedar-pharmacy", "rx-" + UUID.randomUUID(), "order-1", "TX", "semaglutide", "0.25", 4,
                "Inject 0.25 mg subcutaneously once weekly for 4 weeks", "1234567893");
        erx.submitNewRx(newRx);
        erx.submitNewRx(newRx);
        erx.submitNewRx(new NewRx("harbor-mail-rx", newRx.messageId(), newRx.clientReference(), newRx.stateCode(),
                newRx.medication(), newRx.doseMg(), newRx.quantity(), newRx.directions(), newRx.prescriberNpi()));
        JsonNode after = summary();

        assertThat(delta(before, afterIdempotentRetry, "charges")).isEqualTo(1);
        assertThat(delta(before, afterIdempotentRetry, "doubleCharges")).isZero();
        assertThat(delta(before, after, "charges")).isEqualTo(2);
        assertThat(delta(before, after, "doubleCharges")).isEqualTo(1);
        assertThat(delta(before, after, "prescriptions")).isEqualTo(2);
        assertThat(delta(before, after, "doublePrescriptions")).isEqualTo(1);
        assertThat(after.has("shipmentsTracked")).isTrue();
        assertThat(after.has("messages")).isTrue();
        assertThat(after.has("cancellations")).isTrue();
    }

    @Test
    void faultsChangeAtRuntimeRefuseNonsenseAndResetToConfiguration() {
        injectFaults(PartnerKind.ERX, "{\"errorRate\": 0.25, \"latencyMs\": {\"min\": 1, \"max\": 2}}");

        JsonNode changed = getJson("/admin/faults");
        assertThat(changed.path("erx").path("errorRate").asDouble()).isEqualTo(0.25);
        assertThat(changed.path("erx").path("latencyMs").path("max").asLong()).isEqualTo(2);
        assertThat(changed.path("erx").path("duplicateWebhookRate").asDouble()).isZero();
        assertThat(changed.path("payments").path("errorRate").asDouble()).isZero();

        HttpStatus refused = simulator().post().uri("/admin/faults/erx").contentType(MediaType.APPLICATION_JSON)
                .body("{\"errorRate\": 1.5}")
                .exchange((request, answer) -> HttpStatus.valueOf(answer.getStatusCode().value()));
        assertThat(refused).isEqualTo(HttpStatus.BAD_REQUEST);
        assertThat(getJson("/admin/faults").path("erx").path("errorRate").asDouble()).isEqualTo(0.25);

        simulator().delete().uri("/admin/faults").retrieve().toBodilessEntity();
        JsonNode reset = getJson("/admin/faults");
        assertThat(reset.path("erx").path("errorRate").asDouble()).isZero();
        assertThat(reset.path("erx").path("latencyMs").path("min").asLong()).isEqualTo(5);
        assertThat(reset.path("erx").path("latencyMs").path("max").asLong()).isEqualTo(30);
    }

    @Test
    void theChaosProfileSwitchesOnForEveryKindAndOffAgain() {
        JsonNode chaos = applyFaultProfile("chaos");

        assertThat(chaos.properties()).extracting(Map.Entry::getKey)
                .containsExactlyInAnyOrder("payments", "telehealth", "erx", "shipping", "messaging");
        assertThat(chaos.properties()).extracting(Map.Entry::getValue).allSatisfy(settings -> {
            assertThat(settings.path("errorRate").asDouble()).isEqualTo(0.2);
            assertThat(settings.path("timeoutRate").asDouble()).isEqualTo(0.05);
            assertThat(settings.path("timeoutMs").asLong()).isEqualTo(6_000);
            assertThat(settings.path("duplicateWebhookRate").asDouble()).isEqualTo(0.2);
            assertThat(settings.path("outOfOrderWebhookRate").asDouble()).isEqualTo(0.3);
            assertThat(settings.path("lateWebhookRate").asDouble()).isEqualTo(0.1);
            assertThat(settings.path("lateWebhookDelay").asText()).isEqualTo("PT5S");
            assertThat(settings.path("declineRate").asDouble()).isZero();
            assertThat(settings.path("latencyMs").path("max").asLong()).isEqualTo(30);
        });
        assertThat(getJson("/admin/faults")).isEqualTo(chaos);

        JsonNode calm = applyFaultProfile("calm");

        assertThat(calm.properties()).hasSize(5).extracting(Map.Entry::getValue).allSatisfy(settings -> {
            for (String rate : List.of("errorRate", "timeoutRate", "declineRate", "duplicateWebhookRate",
                    "outOfOrderWebhookRate", "lateWebhookRate")) {
                assertThat(settings.path(rate).asDouble()).as(rate).isZero();
            }
            assertThat(settings.path("latencyMs").path("max").asLong()).isEqualTo(30);
        });
        HttpStatus unknown = simulator().post().uri("/admin/faults/profile/mayhem")
                .exchange((request, answer) -> HttpStatus.valueOf(answer.getStatusCode().value()));
        assertThat(unknown).isEqualTo(HttpStatus.NOT_FOUND);
    }

    @Test
    void theNewFaultsChangeAtRuntimeOneKindAtATime() {
        injectFaults(PartnerKind.ERX, "{\"timeoutRate\": 0.5, \"timeoutMs\": 2000, \"outOfOrderWebhookRate\": 0.4,"
                + " \"lateWebhookRate\": 0.3, \"lateWebhookDelay\": \"2s\"}");
        injectFaults(PartnerKind.PAYMENTS, "{\"declineRate\": 0.1}");

        JsonNode faults = getJson("/admin/faults");
        assertThat(faults.path("erx").path("timeoutRate").asDouble()).isEqualTo(0.5);
        assertThat(faults.path("erx").path("timeoutMs").asLong()).isEqualTo(2_000);
        assertThat(faults.path("erx").path("outOfOrderWebhookRate").asDouble()).isEqualTo(0.4);
        assertThat(faults.path("erx").path("lateWebhookRate").asDouble()).isEqualTo(0.3);
        assertThat(faults.path("erx").path("lateWebhookDelay").asText()).isEqualTo("PT2S");
        assertThat(faults.path("payments").path("declineRate").asDouble()).isEqualTo(0.1);
        assertThat(faults.path("shipping").path("timeoutRate").asDouble()).isZero();

        HttpStatus refused = simulator().post().uri("/admin/faults/messaging").contentType(MediaType.APPLICATION_JSON)
                .body("{\"timeoutMs\": 0}")
                .exchange((request, answer) -> HttpStatus.valueOf(answer.getStatusCode().value()));
        assertThat(refused).isEqualTo(HttpStatus.BAD_REQUEST);
    }

    private ResponseEntity<String> postCharge(String key, String body) {
        return simulator().post().uri("/payments/northpay/charges")
                .header("Idempotency-Key", key)
                .contentType(MediaType.APPLICATION_JSON)
                .body(body)
                .retrieve()
                .toEntity(String.class);
    }

    private JsonNode summary() {
        return getJson("/ledger/summary");
    }

    private static long delta(JsonNode before, JsonNode after, String field) {
        return after.path(field).asLong() - before.path(field).asLong();
    }
}
