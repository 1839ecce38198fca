package dev.carepath.portal.console;

import dev.carepath.contracts.events.data.IncidentRetried;
import dev.carepath.eventing.Outbox;
import dev.carepath.tenancy.TenantTransactions;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.stereotype.Component;

/**
 * Records what staff did at the console on the event backbone, where the audit store keeps it in the tenant's hash
 * chain: the event goes through the console's outbox (schema {@code console}) in the journey's tenant transaction.
 */
@Component
class StaffActions {

    static final String SCHEMA = "console";

    private static final Logger log = LoggerFactory.getLogger(StaffActions.class);

    private final TenantTransactions transactions;
    private final Outbox outbox;

    StaffActions(TenantTransactions transactions, Outbox outbox) {
        this.transactions = transactions;
        this.outbox = outbox;
    }

    /** {@code incident.retried}: {@code who} retried {@code incident} of the journey's running instance. */
    void incidentRetried(String tenantId, UUID journeyId, String instanceId, EngineJourneys.Incident incident,
            String who) {
        IncidentRetried data = new IncidentRetried(journeyId.toString(), incident.id(), incident.type(),
                incident.activityId(), instanceId, who);
        transactions.run(tenantId, () -> outbox.append(SCHEMA, journeyId.toString(), tenantId, data));
        log.info("incident {} ({}) of journey {} retried by {}", incident.id(), incident.activityId(), journeyId, who);
    }
}
