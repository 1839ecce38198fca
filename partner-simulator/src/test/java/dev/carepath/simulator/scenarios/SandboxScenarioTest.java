package dev.carepath.simulator.scenarios;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.carepath.simulator.shipping.Parcel;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SandboxScenarioTest {

    @Test
    void anEmptyScenarioChangesNothing() {
        SandboxScenario scenario = new SandboxScenario(null, null, null, null);

        assertThat(scenario.visitOutcome()).isNull();
        assertThat(scenario.erxRejection("cedar-pharmacy")).isEmpty();
        assertThat(scenario.holdsDispense()).isFalse();
        assertThat(scenario.parcelIncident()).isEmpty();
    }

    @Test
    void aScenarioScriptsEachPartnerForTheOrder() {
        SandboxScenario scenario = new SandboxScenario("not_prescribed", Map.of("cedar-pharmacy", "out_of_stock"),
                true, "damaged");

        assertThat(scenario.erxRejection("cedar-pharmacy")).contains("out_of_stock");
        assertThat(scenario.erxRejection("harbor-mail-rx")).as("a pharmacy not named accepts").isEmpty();
        assertThat(scenario.holdsDispense()).isTrue();
        assertThat(scenario.parcelIncident()).contains(Parcel.Incident.DAMAGED);
    }

    @Test
    void valuesThePartnersDoNotKnowAreRefused() {
        assertThatIllegalArgumentException().isThrownBy(() -> new SandboxScenario("cured", null, null, null))
                .withMessageContaining("visitOutcome");
        assertThatIllegalArgumentException().isThrownBy(() -> new SandboxScenario(null, null, null, "stolen"))
                .withMessageContaining("parcelException");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SandboxScenario(null, Map.of("cedar-pharmacy", "Out Of Stock!"), null, null))
                .withMessageContaining("erxRejections");
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new SandboxScenario(null, Map.of(" ", "out_of_stock"), null, null));
    }

    @Test
    void theStoreKeepsOneScenarioPerOrderUntilCleared() {
        SandboxScenarios scenarios = new SandboxScenarios();
        scenarios.put("order-1", new SandboxScenario("no_show", null, null, null));
        scenarios.put("order-1", new SandboxScenario("not_prescribed", null, null, null));
        scenarios.put("order-2", new SandboxScenario(null, null, true, null));

        assertThat(scenarios.of("order-1")).map(SandboxScenario::visitOutcome).contains("not_prescribed");
        assertThat(scenarios.of("order-3")).isEmpty();
        assertThat(scenarios.of(null)).isEmpty();
        scenarios.remove("order-2");
        assertThat(scenarios.all()).containsOnlyKeys("order-1");
        scenarios.clear();
        assertThat(scenarios.all()).isEmpty();
    }
}
