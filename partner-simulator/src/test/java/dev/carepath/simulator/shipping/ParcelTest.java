package dev.carepath.simulator.shipping;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import org.junit.jupiter.api.Test;

/** A parcel only moves forward, and nothing follows delivery or an exception. */
class ParcelTest {

    private static final Instant T0 = Instant.parse("2025-03-01T10:00:00Z");

    private final ShippingLedger carriers = new ShippingLedger();

    @Test
    void goesFromPickedUpThroughTransitToDelivered() {
        Parcel parcel = carriers.pickUp(Carrier.UPS, "cedar-pharmacy", T0);

        carriers.inTransit(Carrier.UPS, parcel.trackingNumber(), T0.plusSeconds(1));
        assertThat(carriers.delivered(Carrier.UPS, parcel.trackingNumber(), T0.plusSeconds(2))).isTrue();
        carriers.inTransit(Carrier.UPS, parcel.trackingNumber(), T0.plusSeconds(3));

        assertThat(carriers.track(Carrier.UPS, parcel.trackingNumber())).hasValueSatisfying(tracked -> {
            assertThat(tracked.stage()).isEqualTo(Parcel.Stage.DELIVERED);
            assertThat(tracked.scans()).extracting(Parcel.Scan::stage).containsExactly(
                    Parcel.Stage.PICKED_UP, Parcel.Stage.IN_TRANSIT, Parcel.Stage.DELIVERED);
            assertThat(tracked.lastScanAt()).isEqualTo(T0.plusSeconds(2));
        });
    }

    @Test
    void aLostParcelIsNeverDelivered() {
        Parcel parcel = carriers.pickUp(Carrier.USPS, "harbor-mail-rx", T0);

        assertThat(carriers.exception(Carrier.USPS, parcel.trackingNumber(), Parcel.Incident.LOST, T0.plusSeconds(1)))
                .hasValueSatisfying(lost -> assertThat(lost.incident()).isEqualTo(Parcel.Incident.LOST));

        assertThat(carriers.delivered(Carrier.USPS, parcel.trackingNumber(), T0.plusSeconds(2))).isFalse();
        assertThat(carriers.track(Carrier.USPS, parcel.trackingNumber()).orElseThrow().stage())
                .isEqualTo(Parcel.Stage.EXCEPTION);
    }

    @Test
    void countsTheParcelsLookedUpAndNotTheLookUps() {
        Parcel tracked = carriers.pickUp(Carrier.UPS, "cedar-pharmacy", T0);
        carriers.pickUp(Carrier.UPS, "cedar-pharmacy", T0);

        carriers.track(Carrier.UPS, tracked.trackingNumber());
        carriers.track(Carrier.UPS, tracked.trackingNumber());
        carriers.track(Carrier.USPS, tracked.trackingNumber());

        assertThat(carriers.parcelsTracked()).isEqualTo(1);
        assertThat(carriers.parcels()).hasSize(2);
    }

    @Test
    void tracksWithTheCarriersOwnNumberFormats() {
        assertThat(carriers.pickUp(Carrier.UPS, "p", T0).trackingNumber()).matches("1Z[0-9A-Z]{16}");
        assertThat(carriers.pickUp(Carrier.USPS, "p", T0).trackingNumber()).matches("9400\\d{18}");
    }
}
