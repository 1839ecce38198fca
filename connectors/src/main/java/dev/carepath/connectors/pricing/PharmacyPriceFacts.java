package dev.carepath.connectors.pricing;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalLong;

/**
 * The price facts the pharmacy routing table decides on: for a state and therapy, each configured pharmacy's price
 * in cents as the input {@code <pharmacy id in camel case>PriceCents} ({@code cedar-pharmacy} ->
 * {@code cedarPharmacyPriceCents}), or null where the pharmacy does not quote the therapy. The table, not this
 * class, compares them: which pharmacy is licensed, which meets the tenant's plan, and which is cheaper are its
 * rules. The engine's routing (job-workers' quote task) and the portal's what-if both build the inputs here.
 */
public class PharmacyPriceFacts {

    private static final String SUFFIX = "PriceCents";

    private final PriceLists priceLists;
    private final List<String> pharmacies;

    public PharmacyPriceFacts(PriceLists priceLists, List<String> pharmacies) {
        this.priceLists = priceLists;
        this.pharmacies = List.copyOf(pharmacies);
    }

    /**
     * Each pharmacy's price for {@code therapy} in {@code stateCode}, by input name, in the configured order.
     *
     * @throws dev.carepath.connectors.partner.PartnerUnavailableException when a price list cannot be read now
     */
    public Map<String, Object> inputs(String stateCode, String therapy) {
        Map<String, Object> inputs = new LinkedHashMap<>();
        for (String pharmacy : pharmacies) {
            OptionalLong price = priceLists.of(pharmacy).priceCents(stateCode, therapy);
            inputs.put(inputName(pharmacy), price.isPresent() ? price.getAsLong() : null);
        }
        return inputs;
    }

    /** The input names, in the configured order. */
    public List<String> inputNames() {
        return pharmacies.stream().map(PharmacyPriceFacts::inputName).toList();
    }

    /** {@code cedar-pharmacy} -> {@code cedarPharmacyPriceCents}. */
    static String inputName(String pharmacy) {
        StringBuilder name = new StringBuilder();
        boolean upper = false;
        for (char c : pharmacy.toLowerCase(Locale.ROOT).toCharArray()) {
            if (c == '-' || c == '_') {
                upper = true;
            } else {
                name.append(upper ? Character.toUpperCase(c) : c);
                upper = false;
            }
        }
        return name + SUFFIX;
    }
}
