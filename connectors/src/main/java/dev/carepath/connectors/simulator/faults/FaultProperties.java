package dev.carepath.connectors.simulator.faults;

import dev.carepath.connectors.simulator.PartnerKind;
import org.springframework.boot.context.properties.ConfigurationProperties;

/** The faults the simulator starts with ({@code simulator.faults.{payments|telehealth|erx}.*}). */
@ConfigurationProperties("simulator.faults")
record FaultProperties(FaultSettings payments, FaultSettings telehealth, FaultSettings erx) {

    FaultSettings of(PartnerKind kind) {
        return switch (kind) {
            case PAYMENTS -> payments;
            case TELEHEALTH -> telehealth;
            case ERX -> erx;
        };
    }
}
