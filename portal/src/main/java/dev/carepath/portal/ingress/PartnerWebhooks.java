package dev.carepath.portal.ingress;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.EventTypes;
import dev.carepath.contracts.events.data.EventData;
import dev.carepath.contracts.events.data.RxDispensed;
import dev.carepath.contracts.events.data.ShipmentDelivered;
import dev.carepath.contracts.events.data.ShipmentException;
import dev.carepath.contracts.events.data.ShipmentShipped;
import dev.carepath.contracts.events.data.VisitCompleted;
import dev.carepath.eventing.Outbox;
import dev.carepath.portal.journeys.Journeys;
import dev.carepath.portal.web.Problems;
import dev.carepath.tenancy.TenantTransactions;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.slf4j.MDC;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * Turns a verified partner webhook into a carepath event: records the partner's event id (a
 * redelivery has no effect) and appends the normalized event to the outbox, in one transaction under
 * the order's tenant.
 */
@Service
class PartnerWebhooks {

    static final String SCHEMA = "ingress";
    static final Set<String> VISIT_OUTCOMES = Set.of("prescribed", "not_prescribed");
    static final Set<String> SHIPMENT_EXCEPTION_REASONS = Set.of("lost", "damaged", "returned");

    /** What became of an accepted webhook. */
    record Receipt(String eventType, boolean duplicate) {
    }

    /** A webhook translated into our terms, before it is stored. */
    private record Normalized(String partnerEventId, UUID orderId, EventData data) {

        String type() {
            return data.eventType();
        }
    }

    private final ObjectMapper json;
    private final TenantTransactions tenants;
    private final JdbcTemplate jdbc;
    private final Outbox outbox;
    private final Journeys journeys;

    PartnerWebhooks(ObjectMapper json, TenantTransactions tenants, JdbcTemplate jdbc, Outbox outbox, Journeys journeys) {
        this.json = json;
        this.tenants = tenants;
        this.jdbc = jdbc;
        this.outbox = outbox;
        this.journeys = journeys;
    }

    /**
     * @throws org.springframework.web.ErrorResponseException 400 for a malformed body, 422 for an event
     *         type this kind of partner does not send, 404 when the client reference names no order
     */
    Receipt receive(PartnerKind kind, String partnerName, byte[] body) {
        Normalized event = normalize(kind, partnerName, WebhookBody.parse(json, body));
        MDC.put("journeyId", event.orderId().toString());
        String tenantId = journeys.tenantOf(event.orderId())
                .orElseThrow(() -> Problems.notFound("The clientReference names no carepath order."));
        MDC.put("tenantId", tenantId);
        String partner = kind.partner(partnerName);
        Boolean fresh = tenants.call(tenantId, () -> {
            int inserted = jdbc.update("INSERT INTO ingress.webhook_inbox"
                            + " (partner, partner_event_id, tenant_id, event_type) VALUES (?, ?, ?, ?)"
                            + " ON CONFLICT (partner, partner_event_id) DO NOTHING",
                    partner, event.partnerEventId(), tenantId, event.type());
            if (inserted == 0) {
                return false;
            }
            DomainEvent appended = outbox.append(SCHEMA, event.orderId().toString(), tenantId, event.data());
            MDC.put("eventId", appended.id());
            return true;
        });
        return new Receipt(event.type(), !Boolean.TRUE.equals(fresh));
    }

    private static Normalized normalize(PartnerKind kind, String partnerName, WebhookBody body) {
        String eventId = body.required("eventId");
        String type = body.required("type");
        body.requireValid();
        if (!kind.sends(type)) {
            throw Problems.exception(HttpStatus.UNPROCESSABLE_ENTITY, Problems.UNSUPPORTED_EVENT,
                    "Unsupported event type", "This partner kind does not send events of this type.");
        }
        String clientReference = body.required("clientReference");
        if (kind == PartnerKind.TELEHEALTH) {
            // visit.completed
            String visitId = body.required("visitId");
            String outcome = body.oneOf("outcome", VISIT_OUTCOMES);
            body.requireValid();
            UUID orderId = orderOf(clientReference);
            return new Normalized(eventId, orderId,
                    new VisitCompleted(orderId.toString(), visitId, partnerName, outcome));
        }
        // rx.dispensed (carries no carrier or tracking number yet), shipment.shipped, shipment.delivered,
        // shipment.exception (with the carrier's reason)
        String messageId = body.required("messageId");
        String pharmacyPrescriptionId = body.optional("pharmacyPrescriptionId");
        String carrier = body.optional("carrier");
        String trackingNumber = body.optional("trackingNumber");
        String reason = EventTypes.SHIPMENT_EXCEPTION.equals(type)
                ? body.oneOf("reason", SHIPMENT_EXCEPTION_REASONS)
                : null;
        body.requireValid();
        UUID orderId = orderOf(clientReference);
        String order = orderId.toString();
        EventData data = switch (type) {
            case EventTypes.RX_DISPENSED -> new RxDispensed(order, messageId, partnerName, pharmacyPrescriptionId,
                    carrier, trackingNumber);
            case EventTypes.SHIPMENT_SHIPPED -> new ShipmentShipped(order, messageId, partnerName,
                    pharmacyPrescriptionId, carrier, trackingNumber);
            case EventTypes.SHIPMENT_DELIVERED -> new ShipmentDelivered(order, messageId, partnerName,
                    pharmacyPrescriptionId, carrier, trackingNumber);
            case EventTypes.SHIPMENT_EXCEPTION -> new ShipmentException(order, null, trackingNumber, carrier, reason,
                    messageId, partnerName, pharmacyPrescriptionId);
            default -> throw new IllegalStateException("a pharmacy sends no " + type);
        };
        return new Normalized(eventId, orderId, data);
    }

    private static UUID orderOf(String clientReference) {
        return orderId(clientReference)
                .orElseThrow(() -> Problems.notFound("The clientReference names no carepath order."));
    }

    private static Optional<UUID> orderId(String clientReference) {
        try {
            UUID id = UUID.fromString(clientReference);
            return id.toString().equalsIgnoreCase(clientReference) ? Optional.of(id) : Optional.empty();
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
