package dev.carepath.portal.ingress;

import dev.carepath.contracts.events.EventTypes;
import java.util.Set;

/** The kinds of partner that send webhooks, and the event types each may send. */
enum PartnerKind {
    TELEHEALTH("telehealth", Set.of(EventTypes.VISIT_COMPLETED)),
    PHARMACY("pharmacy", Set.of(EventTypes.RX_DISPENSED, EventTypes.SHIPMENT_SHIPPED, EventTypes.SHIPMENT_DELIVERED,
            EventTypes.SHIPMENT_EXCEPTION));

    private final String path;
    private final Set<String> eventTypes;

    PartnerKind(String path, Set<String> eventTypes) {
        this.path = path;
        this.eventTypes = eventTypes;
    }

    /** The partner's identity in the webhook inbox: {@code <kind>/<name>}. */
    String partner(String name) {
        return path + "/" + name;
    }

    boolean sends(String eventType) {
        return eventTypes.contains(eventType);
    }
}
