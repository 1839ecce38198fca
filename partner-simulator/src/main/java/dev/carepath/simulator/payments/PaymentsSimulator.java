package dev.carepath.simulator.payments;

import dev.carepath.simulator.IdempotentReplies;
import dev.carepath.simulator.Reply;
import dev.carepath.simulator.faults.FaultInjector;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;

/**
 * The processors' API. {@code POST /payments/{processor}/charges} and {@code /refunds} need an
 * {@code Idempotency-Key} header; a key seen before returns the recorded answer (a different request under it:
 * 409). Tokens starting with {@value #DECLINING_TOKEN_PREFIX} are declined with 402 {@code card_declined}; the
 * decline-rate fault declines its share of idempotency keys with 402 {@value #INJECTED_DECLINE}, whatever the token.
 * A merchant account the processor issued a key to must send it ({@code Authorization: Bearer}), else 401
 * {@value #INVALID_API_KEY}: a charge or refund reaches only the account whose key the caller holds.
 * {@code GET /payments/ledger} lists what was charged and refunded.
 */
@RestController
@RequestMapping("/payments")
class PaymentsSimulator {

    static final String DECLINING_TOKEN_PREFIX = "tok_decline";
    static final String INJECTED_DECLINE = "do_not_honor";
    static final String INVALID_API_KEY = "invalid_api_key";
    private static final String BEARER = "Bearer ";

    private final PaymentsSimulatorProperties properties;
    private final PaymentLedger ledger;
    private final FaultInjector faults;
    private final IdempotentReplies replies = new IdempotentReplies();

    PaymentsSimulator(PaymentsSimulatorProperties properties, PaymentLedger ledger, FaultInjector faults) {
        this.properties = properties;
        this.ledger = ledger;
        this.faults = faults;
    }

    @PostMapping("/{processor}/charges")
    ResponseEntity<Object> charge(@PathVariable String processor,
                                  @RequestHeader(name = IdempotentReplies.KEY_HEADER, required = false) String idempotencyKey,
                                  @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                  @RequestBody ChargeBody body) {
        Reply refusal = refusal(processor, idempotencyKey);
        if (refusal != null) {
            return refusal.toResponse();
        }
        if (!body.isComplete()) {
            return Reply.error(HttpStatus.BAD_REQUEST, "invalid_request").toResponse();
        }
        if (!authorized(processor, body.merchantAccount(), authorization)) {
            return Reply.error(HttpStatus.UNAUTHORIZED, INVALID_API_KEY).toResponse();
        }
        return replies.once(processor + ":charge:" + idempotencyKey, body, () -> capture(processor, idempotencyKey, body))
                .toResponse();
    }

    @PostMapping("/{processor}/refunds")
    ResponseEntity<Object> refund(@PathVariable String processor,
                                  @RequestHeader(name = IdempotentReplies.KEY_HEADER, required = false) String idempotencyKey,
                                  @RequestHeader(name = HttpHeaders.AUTHORIZATION, required = false) String authorization,
                                  @RequestBody RefundBody body) {
        Reply refusal = refusal(processor, idempotencyKey);
        if (refusal != null) {
            return refusal.toResponse();
        }
        if (!body.isComplete()) {
            return Reply.error(HttpStatus.BAD_REQUEST, "invalid_request").toResponse();
        }
        if (!authorized(processor, body.merchantAccount(), authorization)) {
            return Reply.error(HttpStatus.UNAUTHORIZED, INVALID_API_KEY).toResponse();
        }
        return replies.once(processor + ":refund:" + idempotencyKey, body, () -> makeRefund(processor, idempotencyKey, body))
                .toResponse();
    }

    @GetMapping("/ledger")
    List<PaymentLedger.Entry> ledger() {
        return ledger.entries();
    }

    private Reply refusal(String processor, String idempotencyKey) {
        if (!properties.processors().contains(processor)) {
            return Reply.error(HttpStatus.NOT_FOUND, "unknown_processor");
        }
        if (idempotencyKey == null || idempotencyKey.isBlank()) {
            return Reply.error(HttpStatus.BAD_REQUEST, "missing_idempotency_key");
        }
        return null;
    }

    /** Whether the caller holds the merchant account's key, or the account has none (a test account). */
    private boolean authorized(String processor, String merchantAccount, String authorization) {
        return properties.keyOf(processor, merchantAccount)
                .map(key -> authorization != null && authorization.startsWith(BEARER) && MessageDigest.isEqual(
                        key.getBytes(StandardCharsets.UTF_8),
                        authorization.substring(BEARER.length()).getBytes(StandardCharsets.UTF_8)))
                .orElse(true);
    }

    private Reply capture(String processor, String idempotencyKey, ChargeBody body) {
        if (body.paymentToken().startsWith(DECLINING_TOKEN_PREFIX)) {
            return Reply.error(HttpStatus.PAYMENT_REQUIRED, "card_declined");
        }
        if (faults.declineCharge(idempotencyKey)) {
            return Reply.error(HttpStatus.PAYMENT_REQUIRED, INJECTED_DECLINE);
        }
        PaymentLedger.Entry charge = ledger.recordCharge(processor, idempotencyKey, body.merchantAccount(),
                body.amountMinor(), body.currency());
        return Reply.of(HttpStatus.CREATED,
                new ChargeResponse(charge.chargeId(), "captured", charge.amountMinor(), charge.currency()));
    }

    private Reply makeRefund(String processor, String idempotencyKey, RefundBody body) {
        return ledger.charge(processor, body.chargeId())
                .filter(charge -> charge.merchantAccount().equals(body.merchantAccount()))
                .map(charge -> ledger.recordRefund(charge, idempotencyKey, body.amountMinor())
                        .map(refund -> Reply.of(HttpStatus.CREATED, new RefundResponse(refund.refundId(),
                                refund.chargeId(), "refunded", refund.amountMinor())))
                        .orElseGet(() -> Reply.error(HttpStatus.UNPROCESSABLE_ENTITY, "amount_exceeds_refundable")))
                .orElseGet(() -> Reply.error(HttpStatus.UNPROCESSABLE_ENTITY, "charge_not_found"));
    }

    record ChargeBody(String merchantAccount, String paymentToken, Long amountMinor, String currency) {

        boolean isComplete() {
            return present(merchantAccount) && present(paymentToken) && amountMinor != null && amountMinor > 0
                    && currency != null && currency.matches("[A-Za-z]{3}");
        }
    }

    record ChargeResponse(String chargeId, String status, long amountMinor, String currency) {
    }

    record RefundBody(String merchantAccount, String chargeId, Long amountMinor) {

        boolean isComplete() {
            return present(merchantAccount) && present(chargeId) && amountMinor != null && amountMinor > 0;
        }
    }

    record RefundResponse(String refundId, String chargeId, String status, long amountMinor) {
    }

    private static boolean present(String value) {
        return value != null && !value.isBlank();
    }
}
