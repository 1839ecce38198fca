package dev.carepath.workers.notifications;

import dev.carepath.connectors.messaging.MessageChannel;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.contracts.events.data.EventCatalog;
import dev.carepath.contracts.events.data.EventData;
import dev.carepath.contracts.events.data.ShipmentDelivered;
import dev.carepath.contracts.events.data.ShipmentShipped;
import dev.carepath.workers.clinical.api.Intake;
import dev.carepath.workers.clinical.api.Intakes;
import dev.carepath.workers.clinical.api.Prescriptions;
import dev.carepath.workers.clinical.api.Visits;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Tells the patient about the milestones of an order that the journey model does not notify about itself:
 * the medication shipped, the medication was delivered, on every channel the patient chose ({@link PatientMessenger};
 * the quiet hours kept in the state of the cycle's visit). Runs inside the consumer's transaction (see
 * {@link NotificationsConsumer}), so the notification row, its event and the claim of the triggering event
 * commit together. The message goes out under the key {@code tenant:order:eventType:eventId}, so a
 * redelivery after a lost commit is the same message at the provider, sent once.
 *
 * <p>What cannot succeed on a retry is recorded as failed ({@code notification.failed}) instead of being
 * retried: an Rx this service does not know, an order without an intake (or an address) on file, an address the
 * provider refuses, a channel the patient opted out of. A provider that does not answer throws, and the event is
 * redelivered; the redelivery sends only what was not sent yet. SMS and push keys append {@code :sms}, {@code :push}.
 */
@Component
class MilestoneNotifier {

    /** The template of each milestone; the provider renders it, with references only as parameters. */
    static final Map<String, String> TEMPLATES = Map.of(
            EventTypes.SHIPMENT_SHIPPED, "medication-shipped",
            EventTypes.SHIPMENT_DELIVERED, "medication-delivered");

    static final String NO_PRESCRIPTION = "unknown_prescription";
    static final String NO_INTAKE = "no_intake_on_file";
    static final String NO_EMAIL = "no_email_on_file";

    private static final String ACCESSOR = "job-workers/" + NotificationsConsumer.CONSUMER;
    private static final String PURPOSE = "patient-notification";
    private static final MessageChannel CHANNEL = MessageChannel.EMAIL;
    private static final Logger log = LoggerFactory.getLogger(MilestoneNotifier.class);

    private final PatientMessenger messenger;
    private final Intakes intakes;
    private final Prescriptions prescriptions;
    private final Visits visits;
    private final Notifications notifications;

    MilestoneNotifier(PatientMessenger messenger, Intakes intakes, Prescriptions prescriptions, Visits visits,
            Notifications notifications) {
        this.messenger = messenger;
        this.intakes = intakes;
        this.prescriptions = prescriptions;
        this.visits = visits;
        this.notifications = notifications;
    }

    void notify(DomainEvent event) {
        String template = TEMPLATES.get(event.type());
        if (template == null) {
            log.debug("no notification for {}", event.type());
            return;
        }
        Parcel parcel = Parcel.of(EventCatalog.read(event));
        String orderId = parcel.orderId();
        if (orderId == null) {
            throw new IllegalArgumentException(event.type() + " " + event.id() + " has no orderId");
        }
        long started = System.nanoTime();
        MDC.put("journeyId", orderId);
        try {
            String outcome = send(event, parcel, template);
            log.info("{} notification {}: {} in {} ms", event.type(), template, outcome,
                    (System.nanoTime() - started) / 1_000_000);
        } finally {
            MDC.remove("journeyId");
        }
    }

    private String send(DomainEvent event, Parcel parcel, String template) {
        String orderId = parcel.orderId();
        String tenantId = event.tenantId();
        String key = tenantId + ":" + orderId + ":" + event.type() + ":" + event.id();
        Optional<Integer> cycle = prescriptions.cycleOf(tenantId, parcel.rxId());
        if (cycle.isEmpty()) {
            return failed(event, orderId, template, key, NO_PRESCRIPTION);
        }
        // Contact data is read just in time, here (an audited read), and goes only to the providers.
        Optional<Intake> intake = intakes.of(tenantId, orderId, ACCESSOR, PURPOSE, PatientMessenger.CONTACT_FIELDS);
        if (intake.isEmpty()) {
            return failed(event, orderId, template, key, NO_INTAKE);
        }
        String stateCode = visits.stateOf(tenantId, orderId, cycle.get()).orElse(null);
        return messenger.tell(new PatientMessenger.Notice(tenantId, orderId, cycle.get(), template, key,
                parameters(parcel), stateCode, event.type(), event.id()), intake.get()).toString();
    }

    private String failed(DomainEvent event, String orderId, String template, String key, String reason) {
        notifications.recordFailure(event.tenantId(), orderId, event, template, CHANNEL, key, reason);
        return "failed (" + reason + ")";
    }

    /** References the template links to (the order, the carrier's tracking); never clinical content. */
    private static Map<String, String> parameters(Parcel parcel) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("orderId", parcel.orderId());
        if (parcel.carrier() != null) {
            parameters.put("carrier", parcel.carrier());
        }
        if (parcel.trackingNumber() != null) {
            parameters.put("trackingNumber", parcel.trackingNumber());
        }
        return parameters;
    }

    /** What a shipped and a delivered milestone both say of the parcel. */
    private record Parcel(String orderId, String rxId, String carrier, String trackingNumber) {

        static Parcel of(EventData data) {
            if (data instanceof ShipmentShipped shipped) {
                return new Parcel(shipped.orderId(), shipped.rxId(), shipped.carrier(), shipped.trackingNumber());
            }
            if (data instanceof ShipmentDelivered delivered) {
                return new Parcel(delivered.orderId(), delivered.rxId(), delivered.carrier(),
                        delivered.trackingNumber());
            }
            throw new IllegalArgumentException(data.eventType() + " is no parcel milestone");
        }
    }
}
