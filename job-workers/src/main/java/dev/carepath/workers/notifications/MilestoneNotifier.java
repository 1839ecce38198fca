package dev.carepath.workers.notifications;

import dev.carepath.connectors.messaging.MessageChannel;
import dev.carepath.connectors.messaging.MessageReceipt;
import dev.carepath.connectors.messaging.MessagingGateway;
import dev.carepath.connectors.messaging.OutboundMessage;
import dev.carepath.connectors.partner.PartnerRejectedException;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.workers.clinical.Intake;
import dev.carepath.workers.clinical.Intakes;
import dev.carepath.workers.clinical.Prescriptions;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.stereotype.Component;

/**
 * Tells the patient about the milestones of an order that the journey model does not notify about itself:
 * the medication shipped, the medication was delivered. Runs inside the consumer's transaction (see
 * {@link NotificationsConsumer}), so the notification row, its event and the claim of the triggering event
 * commit together. The message goes out under the key {@code tenant:order:eventType:eventId}, so a
 * redelivery after a lost commit is the same message at the provider, sent once.
 *
 * <p>What cannot succeed on a retry is recorded as failed ({@code notification.failed}) instead of being
 * retried: an Rx this service does not know, an order without an intake (or an email address) on file, an
 * address the provider refuses. A provider that does not answer throws, and the event is redelivered.
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

    private final MessagingGateway messaging;
    private final Intakes intakes;
    private final Prescriptions prescriptions;
    private final Notifications notifications;

    MilestoneNotifier(MessagingGateway messaging, Intakes intakes, Prescriptions prescriptions,
            Notifications notifications) {
        this.messaging = messaging;
        this.intakes = intakes;
        this.prescriptions = prescriptions;
        this.notifications = notifications;
    }

    void notify(DomainEvent event) {
        String template = TEMPLATES.get(event.type());
        if (template == null) {
            log.debug("no notification for {}", event.type());
            return;
        }
        String orderId = event.text("orderId");
        if (orderId == null) {
            throw new IllegalArgumentException(event.type() + " " + event.id() + " has no orderId");
        }
        long started = System.nanoTime();
        MDC.put("journeyId", orderId);
        try {
            String outcome = send(event, orderId, template);
            log.info("{} notification {}: {} in {} ms", event.type(), template, outcome,
                    (System.nanoTime() - started) / 1_000_000);
        } finally {
            MDC.remove("journeyId");
        }
    }

    private String send(DomainEvent event, String orderId, String template) {
        String tenantId = event.tenantId();
        String key = tenantId + ":" + orderId + ":" + event.type() + ":" + event.id();
        Optional<Integer> cycle = prescriptions.cycleOf(tenantId, event.text("rxId"));
        if (cycle.isEmpty()) {
            return failed(event, orderId, template, key, NO_PRESCRIPTION);
        }
        // Contact data is read just in time, here (an audited read), and goes only to the provider.
        Optional<Intake> intake = intakes.of(tenantId, orderId, ACCESSOR, PURPOSE, List.of("email"));
        if (intake.isEmpty()) {
            return failed(event, orderId, template, key, NO_INTAKE);
        }
        String email = intake.get().email();
        if (email == null || email.isBlank()) {
            return failed(event, orderId, template, key, NO_EMAIL);
        }
        MessageReceipt receipt;
        try {
            receipt = messaging.send(new OutboundMessage(CHANNEL, template, email, parameters(event, orderId), key));
        } catch (PartnerRejectedException e) {
            return failed(event, orderId, template, key, e.code());
        }
        notifications.record(tenantId, orderId, cycle.get(), template, key, receipt);
        return "sent";
    }

    private String failed(DomainEvent event, String orderId, String template, String key, String reason) {
        notifications.recordFailure(event.tenantId(), orderId, event, template, CHANNEL, key, reason);
        return "failed (" + reason + ")";
    }

    /** References the template links to (the order, the carrier's tracking); never clinical content. */
    private static Map<String, String> parameters(DomainEvent event, String orderId) {
        Map<String, String> parameters = new LinkedHashMap<>();
        parameters.put("orderId", orderId);
        for (String reference : List.of("carrier", "trackingNumber")) {
            String value = event.text(reference);
            if (value != null) {
                parameters.put(reference, value);
            }
        }
        return parameters;
    }
}
