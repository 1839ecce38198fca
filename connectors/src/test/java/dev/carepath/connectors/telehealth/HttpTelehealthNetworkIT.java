package dev.carepath.connectors.telehealth;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.carepath.connectors.partner.PartnerRejectedException;
import dev.carepath.connectors.partner.PartnerUnavailableException;
import dev.carepath.simulator.PartnerKind;
import dev.carepath.connectors.testing.SimulatorTestBase;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The telehealth adapter against the simulated networks. */
class HttpTelehealthNetworkIT extends SimulatorTestBase {

    private TelehealthNetwork telehealth;

    @BeforeEach
    void connectToTheSimulator() {
        telehealth = new HttpTelehealthNetwork(partnerHttp());
    }

    @Test
    void schedulesAVisitOncePerKey() {
        String orderId = newOrderId();
        VisitRequest request = new VisitRequest("meridian-health", orderId + ":visit", orderId, "TX", "semaglutide");

        Instant before = Instant.now();
        VisitBooking booking = telehealth.scheduleVisit(request);
        VisitBooking again = telehealth.scheduleVisit(request);

        assertThat(booking.network()).isEqualTo("meridian-health");
        assertThat(booking.visitId()).startsWith("vis_");
        assertThat(booking.scheduledFor()).isAfter(before);
        assertThat(again).isEqualTo(booking);
        assertThat(select(getJson("/telehealth/ledger"), field("clientReference", orderId))).hasSize(1);
    }

    @ParameterizedTest
    @CsvSource({"meridian-health, LA", "meridian-health, MT", "bluepeak-clinicians, AL", "bluepeak-clinicians, MS"})
    void refusesAStateWithoutALicensedProvider(String network, String state) {
        String orderId = newOrderId();

        assertThatThrownBy(() -> telehealth.scheduleVisit(
                new VisitRequest(network, orderId + ":visit", orderId, state, "tirzepatide")))
                .isInstanceOfSatisfying(PartnerRejectedException.class, rejected -> {
                    assertThat(rejected.partner()).isEqualTo(network);
                    assertThat(rejected.code()).isEqualTo(TelehealthNetwork.NO_LICENSED_PROVIDER);
                    assertThat(rejected.reason()).isEqualTo("no_licensed_provider");
                });
        assertThat(select(getJson("/telehealth/ledger"), field("clientReference", orderId))).isEmpty();
    }

    @Test
    void bluepeakSeesPatientsWhereMeridianCannot() {
        String orderId = newOrderId();

        VisitBooking booking = telehealth.scheduleVisit(
                new VisitRequest("bluepeak-clinicians", orderId + ":visit", orderId, "MT", "semaglutide"));

        assertThat(booking.visitId()).isNotBlank();
    }

    @ParameterizedTest
    @CsvSource({"semaglutide, 0.25", "tirzepatide, 2.5"})
    void returnsTheStarterDosePrescriptionOnceTheVisitIsCompleted(String therapy, String doseMg) {
        String orderId = newOrderId();
        VisitBooking booking = telehealth.scheduleVisit(
                new VisitRequest("meridian-health", orderId + ":visit", orderId, "CA", therapy));

        PrescriptionDetails prescription = await().atMost(Duration.ofSeconds(30))
                .ignoreException(PartnerRejectedException.class)
                .until(() -> telehealth.fetchPrescription("meridian-health", booking.visitId()), Objects::nonNull);

        assertThat(prescription.network()).isEqualTo("meridian-health");
        assertThat(prescription.visitId()).isEqualTo(booking.visitId());
        assertThat(prescription.medication()).isEqualTo(therapy);
        assertThat(prescription.doseMg()).isEqualTo(doseMg);
        assertThat(prescription.quantity()).isEqualTo(4);
        assertThat(prescription.directions()).contains(doseMg + " mg");
        assertThat(prescription.prescriberNpi()).matches("\\d{10}");
    }

    @Test
    void aPrescriptionForAnUnknownVisitIsNotFound() {
        assertThatThrownBy(() -> telehealth.fetchPrescription("meridian-health", "vis_unknown"))
                .isInstanceOfSatisfying(PartnerRejectedException.class, rejected -> {
                    assertThat(rejected.code()).isEqualTo(PartnerRejectedException.NOT_FOUND);
                    assertThat(rejected.reason()).isEqualTo("prescription_not_found");
                });
    }

    @Test
    void aFailingNetworkIsUnavailableAndBooksNothing() {
        injectFaults(PartnerKind.TELEHEALTH, "{\"errorRate\": 1.0}");
        String orderId = newOrderId();

        assertThatThrownBy(() -> telehealth.scheduleVisit(
                new VisitRequest("meridian-health", orderId + ":visit", orderId, "TX", "semaglutide")))
                .isInstanceOf(PartnerUnavailableException.class);
        assertThat(select(getJson("/telehealth/ledger"), field("clientReference", orderId))).isEmpty();
    }

    @Test
    void aSlowNetworkTimesOutAsUnavailable() {
        makeSlowerThanTheReadTimeout(PartnerKind.TELEHEALTH);
        String orderId = newOrderId();

        assertThatThrownBy(() -> telehealth.scheduleVisit(
                new VisitRequest("meridian-health", orderId + ":visit", orderId, "TX", "semaglutide")))
                .isInstanceOf(PartnerUnavailableException.class)
                // Given up by the read timeout, before the slow partner answered: the cause says so, not a clock.
                .hasRootCauseInstanceOf(HttpTimeoutException.class);
    }

    private static String newOrderId() {
        return "order-" + UUID.randomUUID();
    }
}
