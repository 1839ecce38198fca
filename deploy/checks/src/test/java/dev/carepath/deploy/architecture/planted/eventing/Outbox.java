package dev.carepath.deploy.architecture.planted.eventing;

import dev.carepath.deploy.architecture.planted.contracts.Envelope;
import dev.carepath.deploy.architecture.planted.tenancy.TenantTransactions;

/** Lawful: eventing on the contracts and on tenancy. */
public class Outbox {

    public void append(Envelope envelope) {
    }

    public void appendFor(String tenantId, Envelope envelope, TenantTransactions transactions) {
        transactions.run(tenantId, () -> append(envelope));
    }
}
