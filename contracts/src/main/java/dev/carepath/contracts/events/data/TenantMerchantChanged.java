package dev.carepath.contracts.events.data;

import dev.carepath.contracts.events.EventTypes;

/**
 * Platform staff moved a tenant to another payment processor or merchant account; it applies from the tenant's
 * next charged cycle. The data of the CloudEvent; subject and tenantid are the tenant id. Never carries the
 * processor's credentials.
 */
@EventType(value = EventTypes.TENANT_MERCHANT_CHANGED, version = 1)
public record TenantMerchantChanged(
        @Required String tenantId,
        @Required String processor,
        @Required String merchantAccount) implements EventData {
}
