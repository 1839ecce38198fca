package dev.carepath.engine.orchestration;

import dev.carepath.tenancy.TenantTransactions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * Drains the buffer of partner events that arrived before their cycle waited for them: every
 * {@code carepath.orchestrator.early-events.drain-interval-ms} it lists the orders with buffered events (across
 * tenants, under its own purpose) and hands each order to {@link JourneyOrchestrator#drain} in that tenant's
 * transaction. Rows are locked with SKIP LOCKED, so several engine nodes drain side by side.
 */
@Component
class EarlyEvents {

    private static final Logger log = LoggerFactory.getLogger(EarlyEvents.class);
    private static final int ORDERS_PER_ROUND = 100;

    private final TenantTransactions transactions;
    private final OrchestratorRecords records;
    private final JourneyOrchestrator orchestrator;

    EarlyEvents(TenantTransactions transactions, OrchestratorRecords records, JourneyOrchestrator orchestrator) {
        this.transactions = transactions;
        this.records = records;
        this.orchestrator = orchestrator;
    }

    @Scheduled(fixedDelayString = "${carepath.orchestrator.early-events.drain-interval-ms:500}",
            initialDelayString = "${carepath.orchestrator.early-events.drain-interval-ms:500}")
    void drain() {
        var orders = transactions.acrossTenants(OrchestratorRecords.DRAIN_PURPOSE,
                () -> records.ordersWithBufferedEvents(ORDERS_PER_ROUND));
        for (var order : orders) {
            try {
                transactions.run(order.tenantId(), () -> orchestrator.drain(order.orderId()));
            } catch (RuntimeException e) {
                // The cycle moved while we correlated (a worker completed a task of it): the next round tries again.
                log.warn("buffered events of {} not drained this round: {}", order.orderId(), e.toString());
            }
        }
    }
}
