package dev.carepath.workers.payments;

import dev.carepath.connectors.payments.ChargeRequest;
import dev.carepath.connectors.payments.ChargeResult;
import dev.carepath.connectors.payments.RefundRequest;
import dev.carepath.connectors.payments.RefundResult;
import dev.carepath.contracts.events.data.PaymentCaptured;
import dev.carepath.contracts.events.data.PaymentDeclined;
import dev.carepath.contracts.events.data.PaymentRefunded;
import dev.carepath.eventing.Outbox;
import dev.carepath.tenancy.TenantTransactions;
import java.util.List;
import java.util.Optional;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Repository;

/** The {@code payments.charge} table and the payment events, written together. */
@Repository
class Charges {

    static final String SCHEMA = "payments";

    record Charge(String status, String processor, String chargeId, long amountMinor, String currency,
            String declineReason, String idempotencyKey, String merchantAccount, int attempt) {
    }

    private final JdbcTemplate jdbc;
    private final TenantTransactions tenants;
    private final Outbox outbox;

    Charges(JdbcTemplate jdbc, TenantTransactions tenants, Outbox outbox) {
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.outbox = outbox;
    }

    Optional<Charge> find(String tenantId, String orderId, int cycle) {
        return tenants.call(tenantId, () -> {
            List<Charge> rows = jdbc.query("SELECT status, processor, charge_id, amount_minor, currency, decline_reason,"
                            + " idempotency_key, merchant_account, attempt FROM payments.charge"
                            + " WHERE tenant_id = ? AND order_id = ? AND cycle = ?",
                    (rs, i) -> new Charge(rs.getString(1), rs.getString(2), rs.getString(3), rs.getLong(4),
                            rs.getString(5), rs.getString(6), rs.getString(7), rs.getString(8), rs.getInt(9)),
                    tenantId, orderId, cycle);
            return rows.stream().findFirst();
        });
    }

    /** Records a captured charge and {@code payment.captured}, once per cycle (over a declined earlier attempt). */
    void recordCaptured(String tenantId, String orderId, int cycle, int attempt, ChargeRequest request,
            ChargeResult result) {
        tenants.run(tenantId, () -> {
            if (insert(tenantId, orderId, cycle, attempt, request, "captured", result.chargeId(), null)) {
                outbox.append(SCHEMA, orderId, tenantId, new PaymentCaptured(orderId, cycle, request.processor(),
                        request.amountMinor(), request.currency(), result.chargeId()));
            }
        });
    }

    /** Records a declined charge and {@code payment.declined}, once per attempt of the cycle. */
    void recordDeclined(String tenantId, String orderId, int cycle, int attempt, ChargeRequest request,
            String reason) {
        tenants.run(tenantId, () -> {
            if (insert(tenantId, orderId, cycle, attempt, request, "declined", null, reason)) {
                outbox.append(SCHEMA, orderId, tenantId, new PaymentDeclined(orderId, cycle, request.processor(),
                        request.amountMinor(), request.currency(), reason, attempt));
            }
        });
    }

    /** The refund recorded for the cycle's charge, if any. */
    Optional<String> refundIdOf(String tenantId, String orderId, int cycle) {
        return tenants.call(tenantId, () -> jdbc.queryForList("SELECT refund_id FROM payments.refund WHERE tenant_id = ?"
                + " AND order_id = ? AND cycle = ?", String.class, tenantId, orderId, cycle).stream().findFirst());
    }

    /** Records the refund of the cycle's charge and {@code payment.refunded}, once per cycle. */
    void recordRefunded(String tenantId, String orderId, int cycle, RefundRequest request, RefundResult result) {
        tenants.run(tenantId, () -> {
            int inserted = jdbc.update("INSERT INTO payments.refund (tenant_id, order_id, cycle, charge_id,"
                            + " idempotency_key, refund_id, amount_minor) VALUES (?, ?, ?, ?, ?, ?, ?) ON CONFLICT DO NOTHING",
                    tenantId, orderId, cycle, request.chargeId(), request.idempotencyKey(), result.refundId(),
                    result.amountMinor());
            if (inserted == 1) {
                outbox.append(SCHEMA, orderId, tenantId, new PaymentRefunded(orderId, cycle, request.processor(),
                        request.chargeId(), result.refundId(), result.amountMinor()));
            }
        });
    }

    /**
     * The cycle's row: inserted by its first attempt, replaced by a later attempt only over a decline (a captured
     * charge, or the same attempt again, changes nothing).
     */
    private boolean insert(String tenantId, String orderId, int cycle, int attempt, ChargeRequest request,
            String status, String chargeId, String declineReason) {
        return jdbc.update("INSERT INTO payments.charge AS c (tenant_id, order_id, cycle, attempt, idempotency_key,"
                        + " processor, merchant_account, status, charge_id, amount_minor, currency, decline_reason)"
                        + " VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)"
                        + " ON CONFLICT (tenant_id, order_id, cycle) DO UPDATE SET attempt = excluded.attempt,"
                        + " idempotency_key = excluded.idempotency_key, status = excluded.status,"
                        + " charge_id = excluded.charge_id, decline_reason = excluded.decline_reason"
                        + " WHERE c.status = 'declined' AND c.attempt < excluded.attempt",
                tenantId, orderId, cycle, attempt, request.idempotencyKey(), request.processor(),
                request.merchantAccount(), status, chargeId, request.amountMinor(), request.currency(),
                declineReason) == 1;
    }
}
