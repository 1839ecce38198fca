/**
 * The payments service: charges per order cycle through the tenant's own merchant account at the processor the tenant
 * chose at provisioning, refunds where the cycle was charged (schema {@code payments}). The tenants' merchants come
 * from {@code tenant.provisioned} and {@code tenant.merchant-changed}; the processors' keys are secrets of this
 * deployable.
 */
package dev.carepath.workers.payments;
