package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;
import java.util.List;

/**
 * A PHI field of the clinical store was read. The audit record of the read: who (accessor), what (record and
 * fields), when (the CloudEvent time) and why (purpose). Never carries a PHI value. Subject = the order id.
 */
@EventType(value = EventTypes.PHI_ACCESSED, version = 1)
public record PhiAccessed(
        @Required String orderId,
        @Required String record,
        @Required String recordId,
        @Required List<String> fields,
        @Required String accessor,
        @Required String purpose) implements EventData, OrderEvent {
}
