package dev.carepath.workers.payments;

import dev.carepath.connectors.payments.PaymentGateway;
import dev.carepath.connectors.payments.RefundRequest;
import dev.carepath.workers.tasks.JourneyTask;
import dev.carepath.workers.tasks.RetryPolicy;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code refund-payment}: the compensation of "Charge payment". Refunds the cycle's captured charge in full
 * with the idempotency key {@code refund:<charge key>}, so a compensation that runs twice refunds once. A
 * cycle whose charge is not captured has nothing to refund.
 */
@Component
@ExternalTaskSubscription(topicName = RefundPaymentWorker.TOPIC, variableNames = {"cycle", JourneyTask.TRACEPARENT})
public class RefundPaymentWorker extends JourneyTask {

    static final String TOPIC = "refund-payment";

    private final PaymentGateway gateway;
    private final Charges charges;

    RefundPaymentWorker(PaymentGateway gateway, Charges charges, RetryPolicy retries) {
        super(TOPIC, Set.of(), retries);
        this.gateway = gateway;
        this.charges = charges;
    }

    @Override
    protected Map<String, Object> perform(ExternalTask task) {
        String tenantId = task.getTenantId();
        String orderId = task.getBusinessKey();
        int cycle = task.<Integer>getVariable("cycle");
        var earlier = charges.refundIdOf(tenantId, orderId, cycle);
        if (earlier.isPresent()) {
            return Map.of("refundId", earlier.get());
        }
        var charge = charges.find(tenantId, orderId, cycle).filter(c -> "captured".equals(c.status()));
        if (charge.isEmpty()) {
            return Map.of();
        }
        var request = new RefundRequest(charge.get().processor(), "refund:" + charge.get().idempotencyKey(),
                charge.get().merchantAccount(), charge.get().chargeId(), charge.get().amountMinor());
        var result = gateway.refund(request);
        charges.recordRefunded(tenantId, orderId, cycle, request, result);
        return Map.of("refundId", result.refundId());
    }
}
