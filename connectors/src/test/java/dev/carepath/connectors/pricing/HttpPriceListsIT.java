package dev.carepath.connectors.pricing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.connectors.partner.PartnerRejectedException;
import dev.carepath.simulator.PartnerKind;
import dev.carepath.connectors.partner.PartnerUnavailableException;
import dev.carepath.connectors.testing.SimulatorTestBase;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.web.client.HttpClientErrorException;

/**
 * The price list adapter against the simulated pharmacies: the configured lists, a price changed through the
 * sandbox at run time (in one state, or everywhere), read again once the cache's time to live has passed.
 */
class HttpPriceListsIT extends SimulatorTestBase {

    private PriceLists uncached;

    @BeforeEach
    void connectToTheSimulator() {
        uncached = new HttpPriceLists(partnerHttp());
    }

    @AfterEach
    void restorePriceLists() {
        simulator().delete().uri("/admin/price-lists").retrieve().toBodilessEntity();
    }

    @Test
    void readsTheConfiguredPriceListsPerTherapyAndState() {
        PriceList cedar = uncached.of("cedar-pharmacy");
        PriceList harbor = uncached.of("harbor-mail-rx");

        assertThat(cedar.currency()).isEqualTo("USD");
        assertThat(cedar.priceCents("TX", "semaglutide")).hasValue(129_900);
        assertThat(cedar.priceCents("NY", "semaglutide")).hasValue(132_900);
        assertThat(cedar.priceCents("TX", "testosterone-cypionate")).isEmpty();
        assertThat(harbor.priceCents("TX", "semaglutide")).hasValue(134_900);
        assertThat(harbor.priceCents("WA", "testosterone-cypionate")).hasValue(8_900);
    }

    @Test
    void aPriceChangedAtTheSimulatorIsReadAfterTheTimeToLiveWithNoRestart() {
        PharmacyPriceFacts facts = new PharmacyPriceFacts(new CachingPriceLists(uncached, Duration.ofMillis(300)),
                List.of("cedar-pharmacy", "harbor-mail-rx"));
        assertThat(facts.inputs("TX", "semaglutide")).containsEntry("cedarPharmacyPriceCents", 129_900L);

        JsonNode list = changePrice("cedar-pharmacy", "semaglutide", "{\"priceCents\": 139900, \"stateCode\": \"TX\"}");

        assertThat(list.path("pharmacy").asText()).isEqualTo("cedar-pharmacy");
        await().atMost(Duration.ofSeconds(10)).untilAsserted(() ->
                assertThat(facts.inputs("TX", "semaglutide")).containsEntry("cedarPharmacyPriceCents", 139_900L)
                        .containsEntry("harborMailRxPriceCents", 134_900L));
        assertThat(facts.inputs("FL", "semaglutide")).containsEntry("cedarPharmacyPriceCents", 129_900L);
    }

    @Test
    void aPriceForEveryStateKeepsTheStatePrices() {
        changePrice("cedar-pharmacy", "semaglutide", "{\"priceCents\": 99900}");

        PriceList cedar = uncached.of("cedar-pharmacy");
        assertThat(cedar.priceCents("TX", "semaglutide")).hasValue(99_900);
        assertThat(cedar.priceCents("NY", "semaglutide")).hasValue(132_900);
    }

    @Test
    void badPriceChangesAreRefusedAndChangeNothing() {
        assertRefused("cedar-pharmacy", "semaglutide", "{\"priceCents\": -1}", HttpStatus.BAD_REQUEST);
        assertRefused("cedar-pharmacy", "semaglutide", "{}", HttpStatus.BAD_REQUEST);
        assertRefused("cedar-pharmacy", "semaglutide", "{\"priceCents\": 1, \"stateCode\": \"Texas\"}",
                HttpStatus.BAD_REQUEST);
        assertRefused("cedar-pharmacy", "testosterone-cypionate", "{\"priceCents\": 1, \"stateCode\": \"TX\"}",
                HttpStatus.BAD_REQUEST);
        assertRefused("elm-pharmacy", "semaglutide", "{\"priceCents\": 1}", HttpStatus.NOT_FOUND);

        assertThat(uncached.of("cedar-pharmacy").priceCents("TX", "semaglutide")).hasValue(129_900);
        assertThat(uncached.of("cedar-pharmacy").priceCents("TX", "testosterone-cypionate")).isEmpty();
    }

    @Test
    void anUnknownPharmacyIsRefusedAndAnUnavailableOneIsUnavailable() {
        assertThatThrownBy(() -> uncached.of("elm-pharmacy")).isInstanceOfSatisfying(PartnerRejectedException.class,
                rejected -> assertThat(rejected.code()).isEqualTo(PartnerRejectedException.NOT_FOUND));

        loseEveryAnswer(PartnerKind.ERX);
        assertThatThrownBy(() -> uncached.of("cedar-pharmacy")).isInstanceOf(PartnerUnavailableException.class);
    }

    private JsonNode changePrice(String pharmacy, String therapy, String body) {
        return simulator().put().uri("/admin/price-lists/{pharmacy}/{therapy}", pharmacy, therapy)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().body(JsonNode.class);
    }

    private void assertRefused(String pharmacy, String therapy, String body, HttpStatus status) {
        assertThatThrownBy(() -> changePrice(pharmacy, therapy, body))
                .isInstanceOfSatisfying(HttpClientErrorException.class,
                        refused -> assertThat(refused.getStatusCode().value()).isEqualTo(status.value()));
    }
}
