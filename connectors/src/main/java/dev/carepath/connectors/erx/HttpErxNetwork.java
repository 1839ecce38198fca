package dev.carepath.connectors.erx;

import dev.carepath.connectors.partner.PartnerHttp;
import dev.carepath.connectors.partner.PartnerRejectedException;

/**
 * {@link ErxNetwork} over the pharmacies' HTTP API.
 * <ul>
 *   <li>{@code POST /erx/{pharmacy}/newrx}: a pharmacy answers a new message with 201 and a resubmitted one with
 *       200 and the same prescription; a rejection comes either as a 4xx or as a 2xx whose status is not
 *       {@code accepted}.</li>
 *   <li>{@code POST /erx/{pharmacy}/reship}: 202 {@code reshipping}; a resent message ships once.</li>
 *   <li>{@code POST /erx/{pharmacy}/cancelrx}: 200 {@code cancelled}, or a denial as a 422 or as a 2xx whose
 *       status is not {@code cancelled}; a resent message gets its first answer again.</li>
 * </ul>
 */
public class HttpErxNetwork implements ErxNetwork {

    private static final String ACCEPTED = "accepted";
    private static final String CANCELLED = "cancelled";

    private final PartnerHttp http;

    public HttpErxNetwork(PartnerHttp http) {
        this.http = http;
    }

    @Override
    public ErxReceipt submitNewRx(NewRx newRx) {
        NewRxResponse response = http.call(newRx.pharmacy(), "new-rx", ERX_REJECTED,
                rest -> rest.post()
                        .uri("/erx/{pharmacy}/newrx", newRx.pharmacy())
                        .body(new NewRxBody(newRx.messageId(), newRx.clientReference(), newRx.stateCode(),
                                newRx.medication(), newRx.doseMg(), newRx.quantity(), newRx.directions(),
                                newRx.prescriberNpi())),
                NewRxResponse.class);
        if (!ACCEPTED.equals(response.status())) {
            throw new PartnerRejectedException(newRx.pharmacy(), ERX_REJECTED,
                    reasonOf(response.error(), response.status(), "not_accepted"));
        }
        return new ErxReceipt(newRx.pharmacy(), response.pharmacyPrescriptionId(), response.messageId());
    }

    @Override
    public ErxCancellation cancelRx(CancelRx request) {
        CancelRxResponse response = http.call(request.pharmacy(), "cancel-rx", CANCEL_DENIED,
                rest -> rest.post()
                        .uri("/erx/{pharmacy}/cancelrx", request.pharmacy())
                        .body(new CancelRxBody(request.messageId(), request.originalMessageId(), request.reason())),
                CancelRxResponse.class);
        if (!CANCELLED.equals(response.status())) {
            throw new PartnerRejectedException(request.pharmacy(), CANCEL_DENIED,
                    reasonOf(response.error(), response.status(), "not_cancelled"));
        }
        return new ErxCancellation(request.pharmacy(), response.originalMessageId(), response.status());
    }

    @Override
    public String reship(Reship request) {
        ReshipResponse response = http.call(request.pharmacy(), "reship", RESHIP_REFUSED,
                rest -> rest.post()
                        .uri("/erx/{pharmacy}/reship", request.pharmacy())
                        .body(new ReshipBody(request.messageId(), request.originalMessageId())),
                ReshipResponse.class);
        return response.status();
    }

    private static String reasonOf(String error, String status, String fallback) {
        return error != null ? error : status != null ? status : fallback;
    }

    record ReshipBody(String messageId, String originalMessageId) {
    }

    record ReshipResponse(String originalMessageId, String status) {
    }

    record NewRxBody(String messageId, String clientReference, String stateCode, String medication, String doseMg,
                     int quantity, String directions, String prescriberNpi) {
    }

    record NewRxResponse(String pharmacyPrescriptionId, String messageId, String status, String error) {
    }

    record CancelRxBody(String messageId, String originalMessageId, String reason) {
    }

    record CancelRxResponse(String originalMessageId, String status, String error) {
    }
}
