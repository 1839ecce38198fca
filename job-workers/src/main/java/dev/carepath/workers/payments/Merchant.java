package dev.carepath.workers.payments;

/** Where a tenant's cycle is charged: a processor and the tenant's own merchant account there. */
record Merchant(String processor, String merchantAccount) {
}
