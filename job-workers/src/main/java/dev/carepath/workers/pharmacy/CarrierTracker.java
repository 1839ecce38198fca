package dev.carepath.workers.pharmacy;

import dev.carepath.connectors.partner.PartnerRejectedException;
import dev.carepath.connectors.shipping.ShipmentTracking;
import dev.carepath.connectors.shipping.ShippingCarriers;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.data.EventCatalog;
import dev.carepath.contracts.events.data.ShipmentShipped;
import dev.carepath.eventing.EventInbox;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.messaging.Message;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * Carrier tracking: the parcels of the pharmacies that leave delivery news to the carrier
 * ({@link CarrierTrackingProperties#pharmacies()}) are followed through the {@link ShippingCarriers} port until the
 * carrier says delivered or exception, which is then announced as {@code shipment.delivered} or
 * {@code shipment.exception} (lost, damaged, returned), as the pharmacy's own webhook would have.
 *
 * <ul>
 *   <li>The {@code shipmentTracking} function (binding {@code shipmentTracking-in-0}, routing key
 *       {@code shipment.shipped}, consumer group {@value #CONSUMER}) starts following each parcel, once, in the
 *       {@code pharmacy} schema.</li>
 *   <li>Every {@code poll} the parcels due are looked up, each taken for one look-up at a time
 *       ({@link TrackedParcels#claim}), so of several workers one asks the carrier; a parcel on its way is looked up
 *       again after {@code interval}. A carrier that cannot answer (or does not know the number yet) is asked again
 *       after 2, 4, then 8 intervals; past {@code give-up-after} from shipping the parcel is no longer followed and
 *       the journey's delivery wait hands it to care ops.</li>
 * </ul>
 */
@Configuration(proxyBeanMethods = false)
@EnableScheduling
class CarrierTracker {

    static final String CONSUMER = "job-workers-shipment-tracking";
    private static final Duration LEASE = Duration.ofSeconds(30);
    private static final int BATCH = 50;
    private static final Logger log = LoggerFactory.getLogger(CarrierTracker.class);

    private final TrackedParcels parcels;
    private final ShippingCarriers carriers;
    private final CarrierTrackingProperties properties;
    private final MeterRegistry meters;
    private final Clock clock = Clock.systemUTC();

    CarrierTracker(TrackedParcels parcels, ShippingCarriers carriers, CarrierTrackingProperties properties,
            MeterRegistry meters) {
        this.parcels = parcels;
        this.carriers = carriers;
        this.properties = properties;
        this.meters = meters;
    }

    @Bean
    Consumer<Message<byte[]>> shipmentTracking(EventInbox inbox) {
        return message -> inbox.consume(ErxSubmissions.SCHEMA, CONSUMER, message, this::follow);
    }

    private void follow(DomainEvent event) {
        if (!(EventCatalog.find(event).orElse(null) instanceof ShipmentShipped shipped)
                || !properties.tracksAtCarrier(shipped.pharmacy())) {
            return;
        }
        if (shipped.carrier() == null || shipped.trackingNumber() == null) {
            // Nothing to look up: the journey's delivery wait brings care ops in.
            log.warn("shipment.shipped {} from {} names no carrier or tracking number; not tracked", event.id(),
                    shipped.pharmacy());
            return;
        }
        if (parcels.follow(event, shipped, clock.instant().plus(properties.interval()))) {
            log.info("following {} {} at the carrier", shipped.carrier(), shipped.trackingNumber());
        }
    }

    @Scheduled(fixedDelayString = "${carepath.shipping.tracking.poll:1s}",
            initialDelayString = "${carepath.shipping.tracking.poll:1s}")
    void lookUpDue() {
        for (TrackedParcels.Key key : parcels.due(clock.instant(), BATCH)) {
            try {
                parcels.claim(key, LEASE).ifPresent(this::lookUp);
            } catch (RuntimeException e) {
                // The parcel stays due (or leased): the next round takes it again.
                log.warn("parcel {} {} not looked up: {}", key.carrier(), key.trackingNumber(),
                        e.getClass().getSimpleName());
            }
        }
    }

    private void lookUp(TrackedParcels.Parcel parcel) {
        MDC.put("journeyId", parcel.orderId());
        try {
            Instant giveUpAt = parcel.shippedAt().plus(properties.giveUpAfter());
            String outcome;
            try {
                ShipmentTracking tracking = carriers.track(parcel.key().carrier(), parcel.key().trackingNumber());
                outcome = parcels.answered(parcel, tracking, clock.instant().plus(properties.interval()), giveUpAt);
            } catch (PartnerRejectedException e) {
                // Not known (yet): a label the carrier has not scanned. Asked again, as one that cannot answer.
                outcome = unanswered(parcel, giveUpAt);
                log.info("{} does not know {} yet ({})", parcel.key().carrier(), parcel.key().trackingNumber(),
                        e.code());
            } catch (RuntimeException e) {
                outcome = unanswered(parcel, giveUpAt);
                log.warn("{} could not answer about {} ({})", parcel.key().carrier(), parcel.key().trackingNumber(),
                        e.getClass().getSimpleName());
            }
            meters.counter("carepath.shipping.tracking.lookups", "carrier", parcel.key().carrier(),
                    "outcome", outcome).increment();
        } finally {
            MDC.remove("journeyId");
        }
    }

    private String unanswered(TrackedParcels.Parcel parcel, Instant giveUpAt) {
        Duration backoff = properties.interval().multipliedBy(1L << Math.min(parcel.unanswered() + 1, 3));
        String status = parcels.unanswered(parcel, clock.instant().plus(backoff), giveUpAt);
        return status.equals("abandoned") ? status : "unanswered";
    }
}
