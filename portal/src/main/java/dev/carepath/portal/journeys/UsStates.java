package dev.carepath.portal.journeys;

import java.util.Set;

/**
 * USPS codes of the 50 states and the District of Columbia: where the patient is at the visit. Public: the MCP
 * server's {@code check_eligibility} takes a state as {@code POST /v1/journeys} does.
 */
public final class UsStates {

    static final Set<String> CODES = Set.of(
            "AL", "AK", "AZ", "AR", "CA", "CO", "CT", "DE", "FL", "GA",
            "HI", "ID", "IL", "IN", "IA", "KS", "KY", "LA", "ME", "MD",
            "MA", "MI", "MN", "MS", "MO", "MT", "NE", "NV", "NH", "NJ",
            "NM", "NY", "NC", "ND", "OH", "OK", "OR", "PA", "RI", "SC",
            "SD", "TN", "TX", "UT", "VT", "VA", "WA", "WV", "WI", "WY",
            "DC");

    private UsStates() {
    }

    public static boolean isCode(String value) {
        return value != null && CODES.contains(value);
    }
}
