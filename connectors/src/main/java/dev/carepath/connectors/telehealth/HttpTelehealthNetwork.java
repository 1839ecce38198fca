package dev.carepath.connectors.telehealth;

import dev.carepath.connectors.partner.PartnerHttp;
import dev.carepath.connectors.partner.PartnerRejectedException;
import java.time.Instant;

/**
 * {@link TelehealthNetwork} over the networks' HTTP API: {@code POST /telehealth/{network}/visits} keyed by the
 * {@code Idempotency-Key} header, {@code GET /telehealth/{network}/visits/{visitId}/prescription}, and
 * {@code POST /telehealth/{network}/follow-ups}, keyed the same way.
 */
public class HttpTelehealthNetwork implements TelehealthNetwork {


    private final PartnerHttp http;

    public HttpTelehealthNetwork(PartnerHttp http) {
        this.http = http;
    }

    @Override
    public VisitBooking scheduleVisit(VisitRequest request) {
        VisitResponse response = http.call(request.network(), "schedule-visit", NO_LICENSED_PROVIDER,
                rest -> rest.post()
                        .uri("/telehealth/{network}/visits", request.network())
                        .header(PartnerHttp.IDEMPOTENCY_KEY, request.idempotencyKey())
                        .body(new VisitBody(request.clientReference(), request.stateCode(), request.therapy())),
                VisitResponse.class);
        return new VisitBooking(request.network(), response.visitId(), response.scheduledFor());
    }

    @Override
    public PrescriptionDetails fetchPrescription(String network, String visitId) {
        PrescriptionResponse response = http.call(network, "fetch-prescription", PartnerRejectedException.REQUEST_REFUSED,
                rest -> rest.get().uri("/telehealth/{network}/visits/{visitId}/prescription", network, visitId),
                PrescriptionResponse.class);
        return new PrescriptionDetails(network, response.visitId(), response.medication(), response.doseMg(),
                response.quantity(), response.directions(), response.prescriberNpi());
    }

    @Override
    public FollowUpFinding holdFollowUp(FollowUpRequest request) {
        FollowUpResponse response = http.call(request.network(), "hold-follow-up", NO_LICENSED_PROVIDER,
                rest -> rest.post()
                        .uri("/telehealth/{network}/follow-ups", request.network())
                        .header(PartnerHttp.IDEMPOTENCY_KEY, request.idempotencyKey())
                        .body(new FollowUpBody(request.clientReference(), request.therapy(), request.doseStep())),
                FollowUpResponse.class);
        return new FollowUpFinding(request.network(), response.followUpId(), response.tolerated());
    }

    record VisitBody(String clientReference, String stateCode, String therapy) {
    }

    record FollowUpBody(String clientReference, String therapy, int doseStep) {
    }

    record FollowUpResponse(String followUpId, boolean tolerated) {
    }

    record VisitResponse(String visitId, Instant scheduledFor) {
    }

    record PrescriptionResponse(String visitId, String medication, String doseMg, int quantity, String directions,
                                String prescriberNpi) {
    }
}
