package dev.carepath.dmn;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.util.Map;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.operaton.bpm.dmn.engine.DmnDecision;
import org.operaton.bpm.dmn.engine.DmnEngine;

/** Evaluates the routing tables with the same DMN engine (FEEL) the process engine uses. */
class RoutingDecisionsTest {

    private static final DmnEngine DMN = FeelEngines.dmnEngineConfiguration().buildEngine();

    @ParameterizedTest(name = "{0} {1} -> {2}")
    @CsvSource({
        "TX, semaglutide, meridian-health",
        "CA, tirzepatide, meridian-health",
        "AK, semaglutide, bluepeak-clinicians",
        "DC, tirzepatide, bluepeak-clinicians",
        "LA, semaglutide, none",
        "MS, tirzepatide, none",
    })
    void providerRoutingPicksALicensedNetwork(String state, String therapy, String expected) {
        Object network = evaluate("provider-routing", Map.of("stateCode", state, "therapy", therapy));

        assertThat(network).isEqualTo(expected);
    }

    @ParameterizedTest(name = "{0} {1} {2}, Cedar {3}, Harbor {4} -> {5}")
    @CsvSource({
        "TX, semaglutide, standard, 129900, 134900, cedar-pharmacy",
        "NC, tirzepatide, standard, 104900, 107900, cedar-pharmacy",
        "TX, semaglutide, standard, 139900, 134900, harbor-mail-rx",
        "OH, semaglutide, standard, 99900, 134900, harbor-mail-rx",
        "TX, semaglutide, premium, 99900, 134900, harbor-mail-rx",
    })
    void pharmacyRoutingPicksTheCheapestLicensedPharmacyThatMeetsThePlan(String state, String therapy, String plan,
            long cedarPrice, long harborPrice, String expected) {
        Object pharmacy = evaluate("pharmacy-routing", Map.of("stateCode", state, "therapy", therapy,
                "tenantPlan", plan, "cedarPharmacyPriceCents", cedarPrice, "harborMailRxPriceCents", harborPrice));

        assertThat(pharmacy).isEqualTo(expected);
    }

    private static Object evaluate(String key, Map<String, Object> inputs) {
        try (InputStream in = RoutingDecisionsTest.class.getResourceAsStream("/dmn/" + key + ".dmn")) {
            DmnDecision decision = DMN.parseDecision(key, in);
            return DMN.evaluateDecisionTable(decision, inputs).getSingleResult().getSingleEntry();
        } catch (java.io.IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
