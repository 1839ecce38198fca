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

    @ParameterizedTest(name = "{0} {1} {2} -> {3}")
    @CsvSource({
        "TX, semaglutide, standard, cedar-pharmacy",
        "NC, tirzepatide, standard, cedar-pharmacy",
        "OH, semaglutide, standard, harbor-mail-rx",
        "TX, semaglutide, premium, harbor-mail-rx",
    })
    void pharmacyRoutingPicksTheCheapestLicensedPharmacy(String state, String therapy, String tier, String expected) {
        Object pharmacy = evaluate("pharmacy-routing", Map.of("stateCode", state, "therapy", therapy, "costTier", tier));

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
