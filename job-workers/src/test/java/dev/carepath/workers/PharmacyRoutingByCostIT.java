package dev.carepath.workers;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.mockito.Mockito.mock;

import dev.carepath.dmn.DecisionEvaluator;
import dev.carepath.dmn.DecisionTable;
import dev.carepath.dmn.DecisionTables;
import dev.carepath.workers.pharmacy.QuotePharmacyPricesWorker;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import org.camunda.bpm.client.task.ExternalTaskService;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.dmn.engine.DmnDecision;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.http.MediaType;
import org.springframework.test.context.ActiveProfiles;
import org.springframework.web.client.RestClient;

/**
 * Routing by cost, end to end below the engine: the production {@code quote-pharmacy-prices} worker reads the
 * pharmacies' price lists from the real simulator over HTTP, and the shipped pharmacy routing table decides on what
 * it quoted, as the engine's business rule task does with the variables the worker completes with. A price changed
 * at the simulator moves the next routing to the other pharmacy once the cached price list has expired
 * ({@code carepath.partners.price-lists.ttl}, short in these tests), with no restart.
 */
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT) // the other worker ITs' cached context
@ActiveProfiles("it")
class PharmacyRoutingByCostIT extends WorkerTestSupport {

    private static final DecisionTable TABLE = DecisionTables.shipped("pharmacy-routing").orElseThrow();
    private static final DecisionEvaluator EVALUATOR = new DecisionEvaluator();
    private static final DmnDecision PHARMACY_ROUTING = EVALUATOR.compile(TABLE, "pharmacy-routing");

    @Autowired QuotePharmacyPricesWorker quotePrices;

    private final RestClient simulator = RestClient.create(PARTNERS);
    private final String tenant = "tenant-" + UUID.randomUUID().toString().substring(0, 8);
    private final String orderId = UUID.randomUUID().toString();

    @AfterEach
    void restorePriceLists() {
        simulator.delete().uri("/admin/price-lists").retrieve().toBodilessEntity();
    }

    @Test
    void theNextRoutingGoesToTheOtherPharmacyWhenThePriceChangesAtThePartner() {
        Map<String, Object> quoted = quote("TX", "semaglutide");
        assertThat(quoted).containsEntry("cedarPharmacyPriceCents", 129_900L)
                .containsEntry("harborMailRxPriceCents", 134_900L);
        assertThat(route("TX", "semaglutide", "standard", quoted))
                .isEqualTo(Map.of("pharmacy", "cedar-pharmacy", "rule", "Rule_CedarCheaper"));

        setPrice("cedar-pharmacy", "semaglutide", "{\"priceCents\": 139900, \"stateCode\": \"TX\"}");

        await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
                assertThat(quote("TX", "semaglutide")).containsEntry("cedarPharmacyPriceCents", 139_900L));
        Map<String, Object> requoted = quote("TX", "semaglutide");
        assertThat(route("TX", "semaglutide", "standard", requoted))
                .isEqualTo(Map.of("pharmacy", "harbor-mail-rx", "rule", "Rule_HarborMailOrder"));
        assertThat(route("FL", "semaglutide", "standard", quote("FL", "semaglutide")))
                .as("the change was Texas only").containsEntry("pharmacy", "cedar-pharmacy");
    }

    @Test
    void aTherapyAPharmacyDoesNotQuoteIsANullPriceAndTheControlledRxStaysWithTheEpcsPharmacy() {
        Map<String, Object> quoted = quote("TX", "testosterone-cypionate");

        assertThat(quoted).containsEntry("cedarPharmacyPriceCents", null)
                .containsEntry("harborMailRxPriceCents", 8_900L);
        assertThat(route("TX", "testosterone-cypionate", "standard", quoted))
                .isEqualTo(Map.of("pharmacy", "harbor-mail-rx", "rule", "Rule_ControlledTherapyEpcsOnly"));
    }

    @Test
    void thePremiumPlanGoesToTheTwoDayPharmacyEvenWhereItCostsMore() {
        Map<String, Object> quoted = quote("TX", "semaglutide");

        assertThat(route("TX", "semaglutide", "premium", quoted))
                .isEqualTo(Map.of("pharmacy", "harbor-mail-rx", "rule", "Rule_PremiumPlanTwoDayDelivery"));
    }

    /** Runs the worker on a task of this order and returns the variables it completed the task with. */
    private Map<String, Object> quote(String stateCode, String therapy) {
        ExternalTaskService service = mock(ExternalTaskService.class);
        quotePrices.execute(task(tenant, orderId, Map.of("stateCode", stateCode, "therapy", therapy), null), service);
        return completedWith(service);
    }

    /** The shipped table on the journey's facts and the quoted prices: the pharmacy and the rule that chose it. */
    private static Map<String, Object> route(String stateCode, String therapy, String plan, Map<String, Object> prices) {
        Map<String, Object> inputs = new HashMap<>(prices);
        inputs.put("stateCode", stateCode);
        inputs.put("therapy", therapy);
        inputs.put("tenantPlan", plan);
        DecisionEvaluator.Evaluation evaluation = EVALUATOR.evaluate(PHARMACY_ROUTING, inputs);
        return Map.of("pharmacy", evaluation.results().get(0).get("pharmacy"),
                "rule", evaluation.matchedRuleIds().get(0));
    }

    private void setPrice(String pharmacy, String therapy, String body) {
        simulator.put().uri("/admin/price-lists/{pharmacy}/{therapy}", pharmacy, therapy)
                .contentType(MediaType.APPLICATION_JSON).body(body).retrieve().toBodilessEntity();
    }
}
