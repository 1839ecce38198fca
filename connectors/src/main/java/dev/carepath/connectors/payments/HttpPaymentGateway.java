package dev.carepath.connectors.payments;

import dev.carepath.connectors.partner.PartnerHttp;
import dev.carepath.connectors.partner.PartnerRejectedException;
import org.springframework.http.HttpHeaders;

/**
 * {@link PaymentGateway} over the processors' HTTP API: {@code POST /payments/{processor}/charges} and
 * {@code /refunds}, keyed by the {@code Idempotency-Key} header and authenticated as the merchant account with its
 * key from {@link ProcessorCredentials} ({@code Authorization: Bearer}, when one is configured). A 2xx charge that
 * is not {@code captured} counts as a decline.
 */
public class HttpPaymentGateway implements PaymentGateway {

    private static final String CAPTURED = "captured";

    private final PartnerHttp http;
    private final ProcessorCredentials credentials;

    /** A gateway that sends no merchant keys. */
    public HttpPaymentGateway(PartnerHttp http) {
        this(http, ProcessorCredentials.none());
    }

    public HttpPaymentGateway(PartnerHttp http, ProcessorCredentials credentials) {
        this.http = http;
        this.credentials = credentials;
    }

    @Override
    public ChargeResult charge(ChargeRequest request) {
        ChargeResponse response = http.call(request.processor(), "charge", PAYMENT_DECLINED,
                rest -> rest.post()
                        .uri("/payments/{processor}/charges", request.processor())
                        .header(PartnerHttp.IDEMPOTENCY_KEY, request.idempotencyKey())
                        .headers(headers -> authenticate(headers, request.processor(), request.merchantAccount()))
                        .body(new ChargeBody(request.merchantAccount(), request.paymentToken(), request.amountMinor(),
                                request.currency())),
                ChargeResponse.class);
        if (!CAPTURED.equals(response.status())) {
            throw new PartnerRejectedException(request.processor(), PAYMENT_DECLINED,
                    response.status() == null ? "not_captured" : response.status());
        }
        return new ChargeResult(request.processor(), response.chargeId(), response.amountMinor(), response.currency());
    }

    @Override
    public RefundResult refund(RefundRequest request) {
        RefundResponse response = http.call(request.processor(), "refund", REFUND_REJECTED,
                rest -> rest.post()
                        .uri("/payments/{processor}/refunds", request.processor())
                        .header(PartnerHttp.IDEMPOTENCY_KEY, request.idempotencyKey())
                        .headers(headers -> authenticate(headers, request.processor(), request.merchantAccount()))
                        .body(new RefundBody(request.merchantAccount(), request.chargeId(), request.amountMinor())),
                RefundResponse.class);
        return new RefundResult(request.processor(), response.refundId(), response.chargeId(), response.amountMinor());
    }

    private void authenticate(HttpHeaders headers, String processor, String merchantAccount) {
        credentials.apiKey(processor, merchantAccount).ifPresent(headers::setBearerAuth);
    }

    record ChargeBody(String merchantAccount, String paymentToken, long amountMinor, String currency) {
    }

    record ChargeResponse(String chargeId, String status, long amountMinor, String currency) {
    }

    record RefundBody(String merchantAccount, String chargeId, long amountMinor) {
    }

    record RefundResponse(String refundId, String chargeId, String status, long amountMinor) {
    }
}
