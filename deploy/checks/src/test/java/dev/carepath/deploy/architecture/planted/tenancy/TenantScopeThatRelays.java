package dev.carepath.deploy.architecture.planted.tenancy;

import dev.carepath.deploy.architecture.planted.eventing.Outbox;

/** Planted: tenancy reaching up into the eventing module (breaks tenancyDependsOnNothingOfOurs). */
class TenantScopeThatRelays {

    void enter(Outbox outbox) {
        outbox.append(null);
    }
}
