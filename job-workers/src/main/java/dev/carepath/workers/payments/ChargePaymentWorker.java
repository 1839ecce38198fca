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
 * {@code charge-payment}: charges the cycle (therapy + visit fee) through the tenant's own merchant account at the
 * processor the tenant chose, as the cycle's first attempt found it ({@link Merchants#forCycle}): a tenant that moves
 * to another processor has its next cycle charged there, never a cycle already begun. The processor's idempotency key is {@code tenant:order:cycle}; a re-run finds the recorded charge,
 * or gets the processor's earlier answer for the same key, so a cycle is never charged twice. A declined refill's
 * dunning retry (variable {@code chargeAttempt} 2, set by the model after its wait) is a new charge under
 * {@code tenant:order:cycle:attempt-2}; the cycle's row then records that attempt's answer.
 */
@Component
@ExternalTaskSubscription(topicName = ChargePaymentWorker.TOPIC,
        variableNames = {"cycle", "therapy", "paymentToken", "chargeAttempt", JourneyTask.TRACEPARENT})
public class ChargePaymentWorker extends JourneyTask {

    static final String TOPIC = "charge-payment";
    static final String PAYMENT_DECLINED = "PAYMENT_DECLINED";

    private final PaymentGateway gateway;
    private final Charges charges;
    private final Merchants merchants;
    private final PaymentsProperties payments;

    ChargePaymentWorker(PaymentGateway gateway, Charges charges, Merchants merchants, PaymentsProperties payments,
            RetryPolicy retries) {
        super(TOPIC, Set.of(PAYMENT_DECLINED), retries);
        this.gateway = gateway;
        this.charges = charges;
        this.merchants = merchants;
        this.payments = payments;
    }

    @Override
    protected Map<String, Object> perform(ExternalTask task) {
        String tenantId = task.getTenantId();
        String orderId = task.getBusinessKey();
        int cycle = task.<Integer>getVariable("cycle");
        Integer attemptVariable = task.getVariable("chargeAttempt");
        int attempt = attemptVariable == null ? 1 : attemptVariable;
        var earlier = charges.find(tenantId, orderId, cycle);
        if (earlier.isPresent()) {
            var charge = earlier.get();
            if ("captured".equals(charge.status())) {
                return Map.of("chargeId", charge.chargeId(), "processor", charge.processor());
            }
            if (charge.attempt() >= attempt) {
                throw new PartnerRejectedException(charge.processor(), PAYMENT_DECLINED, charge.declineReason());
            }
        }
        String key = tenantId + ":" + orderId + ":" + cycle + (attempt == 1 ? "" : ":attempt-" + attempt);
        Merchant merchant = earlier.map(charge -> new Merchant(charge.processor(), charge.merchantAccount()))
                .orElseGet(() -> merchants.forCycle(tenantId, orderId, cycle));
        var request = new ChargeRequest(merchant.processor(), key, merchant.merchantAccount(),
                task.getVariable("paymentToken"),
                payments.cycleAmountMinor(task.getVariable("therapy")), payments.currency());
        ChargeResult result;
        try {
            result = gateway.charge(request);
        } catch (PartnerRejectedException rejected) {
            if (PAYMENT_DECLINED.equals(rejected.code())) {
                charges.recordDeclined(tenantId, orderId, cycle, attempt, request, rejected.reason());
            }
            throw rejected;
        }
        charges.recordCaptured(tenantId, orderId, cycle, attempt, request, result);
        return Map.of("chargeId", result.chargeId(), "processor", result.processor());
    }
}
