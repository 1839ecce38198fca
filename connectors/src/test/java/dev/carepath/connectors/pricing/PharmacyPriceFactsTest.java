package dev.carepath.connectors.pricing;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The routing table's price inputs: one per pharmacy, the state's price, null where a pharmacy does not quote. */
class PharmacyPriceFactsTest {

    private final PriceLists lists = pharmacy -> switch (pharmacy) {
        case "cedar-pharmacy" -> new PriceList(pharmacy, "USD", List.of(
                new PriceList.TherapyPrices("semaglutide", 129_900, Map.of("NY", 132_900L))));
        case "harbor-mail-rx" -> new PriceList(pharmacy, "USD", List.of(
                new PriceList.TherapyPrices("semaglutide", 134_900, Map.of()),
                new PriceList.TherapyPrices("testosterone-cypionate", 8_900, Map.of())));
        default -> throw new IllegalArgumentException(pharmacy);
    };

    private final PharmacyPriceFacts facts = new PharmacyPriceFacts(lists, List.of("cedar-pharmacy", "harbor-mail-rx"));

    @Test
    void namesEachPharmacysPriceInCamelCase() {
        assertThat(facts.inputNames()).containsExactly("cedarPharmacyPriceCents", "harborMailRxPriceCents");
        assertThat(PharmacyPriceFacts.inputName("north_star-rx")).isEqualTo("northStarRxPriceCents");
    }

    @Test
    void takesTheStatesPriceWhereThereIsOne() {
        assertThat(facts.inputs("TX", "semaglutide"))
                .containsExactly(Map.entry("cedarPharmacyPriceCents", 129_900L),
                        Map.entry("harborMailRxPriceCents", 134_900L));
        assertThat(facts.inputs("NY", "semaglutide")).containsEntry("cedarPharmacyPriceCents", 132_900L);
    }

    @Test
    void aTherapyAPharmacyDoesNotListHasNoPrice() {
        Map<String, Object> inputs = facts.inputs("TX", "testosterone-cypionate");

        assertThat(inputs).containsEntry("cedarPharmacyPriceCents", null)
                .containsEntry("harborMailRxPriceCents", 8_900L);
    }
}
