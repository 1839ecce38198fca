package dev.carepath.connectors.erx;

import dev.carepath.connectors.partner.PartnerHttp;
import dev.carepath.connectors.partner.PartnerRejectedException;

/**
 * {@link ErxNetwork} over the pharmacies' HTTP API: {@code POST /erx/{pharmacy}/newrx}. A pharmacy answers a new
 * message with 201 and a resubmitted one with 200 and the same prescription; a rejection comes either as a 4xx
 * or as a 2xx whose status is not {@code accepted}.
 */
public class HttpErxNetwork implements ErxNetwork {

    private static final String ACCEPTED = "accepted";

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
            String reason = response.error() != null ? response.error()
                    : response.status() != null ? response.status() : "not_accepted";
            throw new PartnerRejectedException(newRx.pharmacy(), ERX_REJECTED, reason);
        }
        return new ErxReceipt(newRx.pharmacy(), response.pharmacyPrescriptionId(), response.messageId());
    }

    record NewRxBody(String messageId, String clientReference, String stateCode, String medication, String doseMg,
                     int quantity, String directions, String prescriberNpi) {
    }

    record NewRxResponse(String pharmacyPrescriptionId, String messageId, String status, String error) {
    }
}
