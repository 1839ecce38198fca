package dev.carepath.contracts.events.data;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;

/**
 * The data of one domain event: a record per event type and schema version (see {@link EventType}). Sealed, so
 * {@link EventCatalog} knows every record and the contract test can hold each to its schema.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public sealed interface EventData permits
        DecisionDeployed, IncidentRetried, JourneyCompleted, JourneyEnded, JourneyIncidentOpened,
        JourneyStarted, NotificationFailed, NotificationSent, OrderCancelRequested, OrderCreated,
        OrderCycleDue, OrderTitrated, PatientQualified, PatientRegistered, PaymentCaptured,
        PaymentDeclined, PaymentRefunded, PhiAccessed, RxCancelled, RxDispensed, RxRecorded, RxSubmitted,
        ShipmentDelivered, ShipmentException, ShipmentShipped, TenantMerchantChanged, TenantProvisioned,
        VisitCompleted, VisitScheduled {

    /** The event type this data is published as (the CloudEvents {@code type} and routing key). */
    @JsonIgnore
    default String eventType() {
        return EventCatalog.typeOf(getClass()).value();
    }

    /** The version of the type's schema this data follows. */
    @JsonIgnore
    default int schemaVersion() {
        return EventCatalog.typeOf(getClass()).version();
    }
}
