package dev.carepath.workers.payments;

import dev.carepath.connectors.partner.PartnerRejectedException;
import dev.carepath.connectors.payments.ChargeRequest;
import dev.carepath.connectors.payments.ChargeResult;
import dev.carepath.connectors.payments.PaymentGateway;
import dev.carepath.workers.tasks.JourneyTask;
import dev.carepath.workers.tasks.RetryPolicy;
import java.util.Map;
import java.util.Set;
import org.camunda.bpm.client.spring.annotation.ExternalTaskSubscription;
import org.camunda.bpm.client.task.ExternalTask;
import org.springframework.stereotype.Component;

/**
 * {@code charge-payment}: charges the cycle (therapy + visit fee) through the tenant's merchant account.
 * The processor's idempotency key is {@code tenant:order:cycle}; a re-run finds the recorded charge,
 * or gets the processor's earlier answer for the same key, so a cycle is never charged twice.
 */
@Component
@ExternalTaskSubscription(topicName = ChargePaymentWorker.TOPIC,
        variableNames = {"cycle", "therapy", "paymentToken"})
public class ChargePaymentWorker extends JourneyTask {

    static final String TOPIC = "charge-payment";
    static final String PAYMENT_DECLINED = "PAYMENT_DECLINED";

    private final PaymentGateway gateway;
    private final Charges charges;
    private final PaymentsProperties payments;

    ChargePaymentWorker(PaymentGateway gateway, Charges charges, PaymentsProperties payments, RetryPolicy retries) {
        super(TOPIC, Set.of(PAYMENT_DECLINED), retries);
        this.gateway = gateway;
        this.charges = charges;
        this.payments = payments;
    }

    @Override
    protected Map<String, Object> perform(ExternalTask task) {
        String tenantId = task.getTenantId();
        String orderId = task.getBusinessKey();
        int cycle = task.<Integer>getVariable("cycle");
        var earlier = charges.find(tenantId, orderId, cycle);
        if (earlier.isPresent()) {
            var charge = earlier.get();
            if ("declined".equals(charge.status())) {
                throw new PartnerRejectedException(charge.processor(), PAYMENT_DECLINED, charge.declineReason());
            }
            return Map.of("chargeId", charge.chargeId(), "processor", charge.processor());
        }
        var request = new ChargeRequest(payments.processor(), tenantId + ":" + orderId + ":" + cycle,
                merchantAccountOf(tenantId), task.getVariable("paymentToken"),
                payments.cycleAmountMinor(task.getVariable("therapy")), payments.currency());
        ChargeResult result;
        try {
            result = gateway.charge(request);
        } catch (PartnerRejectedException rejected) {
            if (PAYMENT_DECLINED.equals(rejected.code())) {
                charges.recordDeclined(tenantId, orderId, cycle, request, rejected.reason());
            }
            throw rejected;
        }
        charges.recordCaptured(tenantId, orderId, cycle, request, result);
        return Map.of("chargeId", result.chargeId(), "processor", result.processor());
    }

    /** The tenant's own merchant account at the processor (tenant provisioning will supply it). */
    private static String merchantAccountOf(String tenantId) {
        return "merchant-" + tenantId;
    }
}
