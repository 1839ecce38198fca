package dev.carepath.workers.pharmacy;

import java.time.Duration;
import java.util.List;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carepath.shipping.tracking.*}: which pharmacies leave the news of a parcel to its carrier, and how their
 * parcels are followed there ({@link CarrierTracker}).
 *
 * @param pharmacies  the pharmacy partners that announce {@code shipment.shipped} and nothing after, so that delivery
 *                    and exceptions are learned from the carrier's tracking; every other pharmacy reports them itself,
 *                    and its parcels are not looked up (two sources would announce one delivery twice)
 * @param poll        how often the parcels due for a look-up are looked for
 * @param interval    the time between two look-ups of one parcel the carrier answered about
 * @param giveUpAfter how long after shipping a parcel is followed at most; beyond the journey's delivery wait
 *                    ({@code carepath.journey.delivery-sla}, 10 days), after which care ops resolves the delivery,
 *                    so tracking never stops before a person is asked
 */
@ConfigurationProperties("carepath.shipping.tracking")
public record CarrierTrackingProperties(List<String> pharmacies,
                                        @DefaultValue("1s") Duration poll,
                                        @DefaultValue("30m") Duration interval,
                                        @DefaultValue("14d") Duration giveUpAfter) {

    public CarrierTrackingProperties {
        pharmacies = pharmacies == null ? List.of() : List.copyOf(pharmacies);
        if (poll.isNegative() || poll.isZero() || interval.isNegative() || interval.isZero()
                || giveUpAfter.compareTo(interval) < 0) {
            throw new IllegalArgumentException("carepath.shipping.tracking needs a positive poll and interval, and"
                    + " give-up-after of at least one interval");
        }
    }

    boolean tracksAtCarrier(String pharmacy) {
        return pharmacies.contains(pharmacy);
    }
}
