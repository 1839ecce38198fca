package dev.carepath.dmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.junit.jupiter.api.Test;
import org.operaton.bpm.dmn.engine.DmnDecision;
import org.operaton.bpm.dmn.engine.DmnEngine;

/**
 * The tables answer the same question in three places: eligibility says "not-offered-in-state" exactly where
 * provider routing finds no network, and the states the running journey depends on stay routable.
 */
class OfferingConsistencyTest {

    private static final DmnEngine DMN = FeelEngines.dmnEngineConfiguration().buildEngine();

    /** Each shipped table parsed once: the test asks about behaviour, not about parsing the file 700 times. */
    private static final Map<String, DmnDecision> DECISIONS = new ConcurrentHashMap<>();

    private static final List<String> STATES = List.of("AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "DC", "FL", "GA",
        "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD", "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH",
        "NJ", "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC", "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV",
        "WI", "WY");

    private static final List<String> THERAPIES = List.of("semaglutide", "tirzepatide", "testosterone-cypionate",
        "compounded-semaglutide", "compounded-tirzepatide", "metformin");

    @Test
    void eligibilityIsNotOfferedExactlyWhereNoProviderNetworkIsLicensed() {
        for (String state : STATES) {
            for (String therapy : THERAPIES) {
                Map<String, Object> patient = new HashMap<>(Map.of("therapy", therapy, "stateCode", state, "age", 40,
                    "bmi", 35.0, "comorbidityCount", 0, "contraindication", "none"));
                Object outcome = evaluate("eligibility", patient).get("outcome");
                Object network = evaluate("provider-routing", Map.of("stateCode", state, "therapy", therapy))
                    .get("providerNetwork");

                assertThat(outcome.equals("not-offered-in-state"))
                    .as("%s %s: eligibility %s, provider network %s", state, therapy, outcome, network)
                    .isEqualTo(network.equals("none"));
            }
        }
    }

    @Test
    void theStatesTheJourneyRunsInStayRoutableForGlp1() {
        for (String state : List.of("TX", "CA", "FL", "NY", "OH", "AK", "WA", "GA", "CO", "NC", "AZ", "MT")) {
            for (String therapy : List.of("semaglutide", "tirzepatide")) {
                assertThat(evaluate("provider-routing", Map.of("stateCode", state, "therapy", therapy)).get("providerNetwork"))
                    .as("%s %s", state, therapy).isIn("meridian-health", "bluepeak-clinicians");
                assertThat(evaluate("pharmacy-routing", Map.of("stateCode", state, "therapy", therapy, "tenantPlan", "standard",
                        "cedarPharmacyPriceCents", 129_900L, "harborMailRxPriceCents", 134_900L))
                    .get("pharmacy")).as("%s %s", state, therapy).isIn("cedar-pharmacy", "harbor-mail-rx");
            }
        }
    }

    @Test
    void aControlledTherapyNeverGoesToANonEpcsPharmacy() {
        for (String state : STATES) {
            for (String plan : List.of("standard", "premium")) {
                // Cedar quoted far below Harbor: the EPCS guard must still keep the controlled Rx away from it.
                assertThat(evaluate("pharmacy-routing",
                    Map.of("stateCode", state, "therapy", "testosterone-cypionate", "tenantPlan", plan,
                        "cedarPharmacyPriceCents", 100L, "harborMailRxPriceCents", 8_900L)).get("pharmacy"))
                    .as("%s %s", state, plan).isIn("harbor-mail-rx", "none");
            }
        }
    }

    private static Map<String, Object> evaluate(String key, Map<String, Object> inputs) {
        DmnDecision decision = DECISIONS.computeIfAbsent(key, OfferingConsistencyTest::parse);
        return DMN.evaluateDecisionTable(decision, inputs).getSingleResult().getEntryMap();
    }

    private static DmnDecision parse(String key) {
        try (InputStream in = ShippedTables.open(key)) {
            return DMN.parseDecision(key, in);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
