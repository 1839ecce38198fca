package dev.carepath.portal.decisions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.eventing.testing.RunningApplication;
import dev.carepath.portal.PortalIntegrationSupport;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * The pharmacy routing what-if against the real engine (the version in force) and the real partner simulator (the
 * pharmacies' price lists), each a process of its own: it answers which pharmacy, at what price, and by which rule,
 * and a price changed at the simulator changes its answer once the portal's cached price list has expired, with no
 * restart of anything.
 */
class PharmacyRoutingWhatIfIT extends PortalIntegrationSupport {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static RunningEngine engine;
    private static RunningApplication simulator;

    @BeforeAll
    static void startEngineAndPartners() throws IOException {
        simulator = RunningApplication.jar("partner-simulator", System.getProperty("carepath.simulator.jar"))
                .arg("--simulator.webhooks.target-url=http://127.0.0.1:9")
                .maxHeap("256m").ready("/ledger/summary").start();
        engine = RunningEngine.start();
    }

    @AfterAll
    static void stopEngineAndPartners() {
        if (engine != null) {
            engine.close();
        }
        if (simulator != null) {
            simulator.close();
        }
    }

    @DynamicPropertySource
    static void engineAndPartners(DynamicPropertyRegistry registry) {
        registry.add("carepath.decisions.engine-url", () -> engine.restUrl());
        registry.add("carepath.partners.base-url", () -> simulator.url());
        registry.add("carepath.partners.price-lists.ttl", () -> "500ms");
    }

    @AfterEach
    void restorePriceLists() {
        simulator("DELETE", "/admin/price-lists", null);
    }

    @Test
    void aPriceChangedAtThePharmacyChangesThePartnerTheWhatIfAnswersWithNoRestart() {
        JsonNode before = whatIf(Map.of("stateCode", "TX", "therapy", "semaglutide", "tenantPlan", "standard"));
        assertThat(before.path("results").get(0).path("pharmacy").asText()).isEqualTo("cedar-pharmacy");
        assertThat(before.path("inputs").path("cedarPharmacyPriceCents").asLong()).isEqualTo(129_900);
        assertThat(before.path("inputs").path("harborMailRxPriceCents").asLong()).isEqualTo(134_900);
        assertThat(before.path("matchedRules").get(0).path("id").asText()).isEqualTo("Rule_CedarCheaper");
        assertThat(before.path("matchedRules").get(0).path("annotation").asText())
                .startsWith("Cost: Cedar Pharmacy (resident and non-resident licences in these 10 states");

        simulator("PUT", "/admin/price-lists/cedar-pharmacy/semaglutide", "{\"priceCents\": 139900, \"stateCode\": \"TX\"}");

        JsonNode after = await().atMost(Duration.ofSeconds(30)).until(
                () -> whatIf(Map.of("stateCode", "TX", "therapy", "semaglutide", "tenantPlan", "standard")),
                answer -> answer.path("inputs").path("cedarPharmacyPriceCents").asLong() == 139_900);
        assertThat(after.path("version").asInt()).as("the same version in force").isEqualTo(before.path("version").asInt());
        assertThat(after.path("results").get(0).path("pharmacy").asText()).isEqualTo("harbor-mail-rx");
        assertThat(after.path("inputs").path("harborMailRxPriceCents").asLong()).isEqualTo(134_900);
        assertThat(after.path("matchedRules").get(0).path("id").asText()).isEqualTo("Rule_HarborMailOrder");
        assertThat(after.path("matchedRules").get(0).path("annotation").asText()).contains("quotes more");
        System.out.println("pharmacy routing what-if before: " + summary(before));
        System.out.println("pharmacy routing what-if after:  " + summary(after));
    }

    @Test
    void licenceAndPlanComeBeforeCostAndGivenPricesAreUsedAsGiven() {
        JsonNode unlicensed = whatIf(Map.of("stateCode", "OH", "therapy", "semaglutide", "tenantPlan", "standard"));
        assertThat(unlicensed.path("results").get(0).path("pharmacy").asText()).isEqualTo("harbor-mail-rx");
        assertThat(unlicensed.path("inputs").path("cedarPharmacyPriceCents").asLong()).as("Cedar cheaper, unlicensed")
                .isEqualTo(129_900);

        JsonNode premium = whatIf(Map.of("stateCode", "TX", "therapy", "semaglutide", "tenantPlan", "premium"));
        assertThat(premium.path("matchedRules").get(0).path("id").asText()).isEqualTo("Rule_PremiumPlanTwoDayDelivery");

        Map<String, Object> given = new LinkedHashMap<>(Map.of("stateCode", "TX", "therapy", "tirzepatide",
                "tenantPlan", "standard", "cedarPharmacyPriceCents", 120_000, "harborMailRxPriceCents", 99_000));
        JsonNode asked = whatIf(given);
        assertThat(asked.path("inputs").path("cedarPharmacyPriceCents").asLong()).isEqualTo(120_000);
        assertThat(asked.path("results").get(0).path("pharmacy").asText()).isEqualTo("harbor-mail-rx");

        staffPost("/v1/admin/decisions/pharmacy-routing/evaluations", Map.of(),
                "{\"stateCode\": \"TX\", \"therapy\": \"semaglutide\", \"cedarPharmacyPriceCents\": \"cheap\"}")
                .assertProblem(400, "validation");
    }

    private JsonNode whatIf(Map<String, Object> inputs) {
        try {
            Response response = staffPost("/v1/admin/decisions/pharmacy-routing/evaluations", Map.of(),
                    json.writeValueAsString(inputs));
            assertThat(response.status()).as(response.body()).isEqualTo(200);
            return response.json();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static String summary(JsonNode answer) {
        return "pharmacy=" + answer.path("results").get(0).path("pharmacy").asText()
                + " cedarPharmacyPriceCents=" + answer.path("inputs").path("cedarPharmacyPriceCents").asText()
                + " harborMailRxPriceCents=" + answer.path("inputs").path("harborMailRxPriceCents").asText()
                + " rule=" + answer.path("matchedRules").get(0).path("id").asText()
                + " version=" + answer.path("version").asInt();
    }

    private static void simulator(String method, String path, String json) {
        HttpRequest request = HttpRequest.newBuilder(URI.create(simulator.url() + path))
                .timeout(Duration.ofSeconds(10)).header("Content-Type", "application/json")
                .method(method, json == null ? HttpRequest.BodyPublishers.noBody()
                        : HttpRequest.BodyPublishers.ofString(json))
                .build();
        try {
            HttpResponse<String> answer = HTTP.send(request, HttpResponse.BodyHandlers.ofString());
            assertThat(answer.statusCode()).as(answer.body()).isBetween(200, 204);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }
}
