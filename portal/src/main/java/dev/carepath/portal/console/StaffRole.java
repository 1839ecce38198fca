package dev.carepath.portal.console;

import java.util.Arrays;
import java.util.Optional;

/**
 * What a staff member does, as the console's pages and actions check it (authority {@code ROLE_<id>}). The ids are
 * the engine's group ids too (Tasklist's candidate groups), so a person has one name for a role everywhere.
 */
public enum StaffRole {

    /** Care operations: find journeys, retry incidents, work the care queues. */
    CARE_OPS("care-ops"),
    /** Clinicians: may reveal a journey's intake and prescription, with a purpose (audited). */
    CLINICIANS("clinicians"),
    /** Pharmacists: the eRx queues. */
    PHARMACISTS("pharmacists"),
    /** Clinical operations: the decision tables. */
    CLINICAL_OPS("clinical-ops"),
    /** Platform staff: tenants, clients, dead letters, webhook deliveries, audit verification. */
    PLATFORM_ADMIN("platform-admin");

    private final String id;

    StaffRole(String id) {
        this.id = id;
    }

    public String id() {
        return id;
    }

    /** The Spring Security authority of this role. */
    public String authority() {
        return "ROLE_" + id;
    }

    public static Optional<StaffRole> of(String id) {
        return Arrays.stream(values()).filter(role -> role.id.equals(id)).findFirst();
    }

    /** Every role's id (any staff member). */
    static String[] all() {
        return Arrays.stream(values()).map(StaffRole::id).toArray(String[]::new);
    }
}
