package dev.carepath.simulator.faults;

import dev.carepath.simulator.PartnerKind;
import java.util.Arrays;
import java.util.stream.Collectors;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The faults the simulator starts with ({@code simulator.faults.*}): settings per partner kind
 * ({@code payments}, {@code telehealth}, {@code erx}, {@code shipping}, {@code messaging}; a kind left out is
 * calm), and optionally a {@code profile} ({@code calm} or {@code chaos}) applied on top of them.
 */
@ConfigurationProperties("simulator.faults")
record FaultProperties(String profile,
                       @DefaultValue FaultSettings payments,
                       @DefaultValue FaultSettings telehealth,
                       @DefaultValue FaultSettings erx,
                       @DefaultValue FaultSettings shipping,
                       @DefaultValue FaultSettings messaging) {

    FaultProperties {
        if (profile != null && !profile.isBlank() && FaultProfile.byId(profile).isEmpty()) {
            throw new IllegalArgumentException("simulator.faults.profile must be one of "
                    + Arrays.stream(FaultProfile.values()).map(FaultProfile::id).collect(Collectors.joining(", "))
                    + ", was " + profile);
        }
    }

    /** What a kind starts with: its settings, with the profile applied when there is one. */
    FaultSettings of(PartnerKind kind) {
        FaultSettings configured = configured(kind);
        return profile == null || profile.isBlank() ? configured
                : FaultProfile.byId(profile).orElseThrow().applyTo(configured);
    }

    /** A kind's settings as written under {@code simulator.faults.<kind>}, without the profile. */
    FaultSettings configured(PartnerKind kind) {
        return switch (kind) {
            case PAYMENTS -> payments;
            case TELEHEALTH -> telehealth;
            case ERX -> erx;
            case SHIPPING -> shipping;
            case MESSAGING -> messaging;
        };
    }
}
