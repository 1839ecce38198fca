package dev.carepath.workers.payments;

import dev.carepath.contracts.events.DomainEvent;
import dev.carepath.contracts.events.data.EventCatalog;
import dev.carepath.contracts.events.data.EventData;
import dev.carepath.contracts.events.data.TenantMerchantChanged;
import dev.carepath.contracts.events.data.TenantProvisioned;
import dev.carepath.tenancy.TenantTransactions;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/**
 * The tenants' merchants in the {@code payments} schema: {@code payments.merchant} (where each tenant's next cycle
 * is charged, kept from {@code tenant.provisioned} and {@code tenant.merchant-changed}) and
 * {@code payments.cycle_merchant} (where each cycle was charged, fixed at its first charge attempt).
 */
@Repository
class Merchants {

    private static final Logger log = LoggerFactory.getLogger(Merchants.class);

    private final JdbcTemplate jdbc;
    private final TenantTransactions tenants;
    private final PaymentsProperties payments;

    Merchants(JdbcTemplate jdbc, TenantTransactions tenants, PaymentsProperties payments) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.payments = payments;
    }

    /**
     * Keeps the processor and merchant account an event of the tenant names (no processor: northpay, as tenants
     * provisioned before the choice were). Runs in the inbox's transaction of the event's tenant; an event older than
     * the one applied (a lower sequence of the tenant) changes nothing.
     */
    void apply(DomainEvent event) {
        EventData data = EventCatalog.read(event);
        String processor;
        String merchantAccount;
        if (data instanceof TenantProvisioned provisioned) {
            processor = provisioned.processor();
            merchantAccount = provisioned.merchantAccount();
        } else if (data instanceof TenantMerchantChanged changed) {
            processor = changed.processor();
            merchantAccount = changed.merchantAccount();
        } else {
            throw new IllegalArgumentException(event.type() + " " + event.id() + " names no merchant");
        }
        if (processor == null) {
            processor = PaymentsProperties.DEFAULT_PROCESSOR;
        }
        if (merchantAccount == null || merchantAccount.isBlank()) {
            throw new IllegalArgumentException(event.type() + " " + event.id() + " names no merchant account");
        }
        int applied = jdbc.update("INSERT INTO payments.merchant AS m (tenant_id, processor, merchant_account, sequence)"
                        + " VALUES (?, ?, ?, ?) ON CONFLICT (tenant_id) DO UPDATE SET processor = excluded.processor,"
                        + " merchant_account = excluded.merchant_account, sequence = excluded.sequence, updated_at = now()"
                        + " WHERE m.sequence < excluded.sequence",
                event.tenantId(), processor, merchantAccount, event.sequence());
        log.info("{} {}: next cycles of the tenant charged at {}{}", event.type(), event.id(), processor,
                applied == 1 ? "" : " (older than the one applied: ignored)");
    }

    /** Where the tenant's next cycle is charged, if the workers learned it. */
    Optional<Merchant> current(String tenantId) {
        return tenants.call(tenantId, () -> jdbc.query("SELECT processor, merchant_account FROM payments.merchant"
                        + " WHERE tenant_id = ?", (rs, i) -> new Merchant(rs.getString(1), rs.getString(2)), tenantId)
                .stream().findFirst());
    }

    /**
     * Where the cycle is charged: fixed by its first call here, from the tenant's current merchant, and the same on
     * every later call, so a tenant's change of processor applies to its next cycle only.
     *
     * @throws IllegalStateException when the workers know no merchant of the tenant and
     *         {@code carepath.payments.fallback-merchant} is off (the task is retried, then an incident)
     */
    Merchant forCycle(String tenantId, String orderId, int cycle) {
        return tenants.call(tenantId, () -> {
            Optional<Merchant> pinned = pinned(tenantId, orderId, cycle);
            if (pinned.isPresent()) {
                return pinned.get();
            }
            Merchant merchant = jdbc.query("SELECT processor, merchant_account FROM payments.merchant"
                            + " WHERE tenant_id = ?", (rs, i) -> new Merchant(rs.getString(1), rs.getString(2)), tenantId)
                    .stream().findFirst()
                    .or(() -> payments.fallbackMerchant(tenantId))
                    .orElseThrow(() -> new IllegalStateException("no merchant account known for the tenant:"
                            + " tenant.provisioned not consumed yet"));
            jdbc.update("INSERT INTO payments.cycle_merchant (tenant_id, order_id, cycle, processor, merchant_account)"
                    + " VALUES (?, ?, ?, ?, ?) ON CONFLICT DO NOTHING", tenantId, orderId, cycle, merchant.processor(),
                    merchant.merchantAccount());
            return pinned(tenantId, orderId, cycle).orElseThrow();
        });
    }

    private Optional<Merchant> pinned(String tenantId, String orderId, int cycle) {
        return jdbc.query("SELECT processor, merchant_account FROM payments.cycle_merchant WHERE tenant_id = ?"
                        + " AND order_id = ? AND cycle = ?", (rs, i) -> new Merchant(rs.getString(1), rs.getString(2)),
                tenantId, orderId, cycle).stream().findFirst();
    }
}
