package dev.carepath.simulator.shipping;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.carepath.simulator.Reply;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RestController;

/**
 * The carriers' tracking API. {@code GET /shipping/{carrier}/tracking/{trackingNumber}} answers with the parcel's
 * status and scans in the carrier's own words ({@link Carrier}), or 404 {@code tracking_not_found};
 * {@code GET /shipping/ledger} lists every parcel with its look-ups. Parcels come from the simulated pharmacies.
 * For demos and tests, {@code POST /admin/shipping/{carrier}/parcels/{trackingNumber}/exception} with
 * {@code {"reason": "lost" | "damaged" | "returned"}} makes a parcel that is still on its way end in an
 * exception; the pharmacy then announces {@code shipment.exception} with that reason instead of delivered.
 */
@RestController
class CarrierSimulator {

    private final ShippingLedger ledger;

    CarrierSimulator(ShippingLedger ledger) {
        this.ledger = ledger;
    }

    @GetMapping("/shipping/{carrier}/tracking/{trackingNumber}")
    ResponseEntity<Object> track(@PathVariable String carrier, @PathVariable String trackingNumber) {
        Optional<Carrier> known = Carrier.byId(carrier);
        if (known.isEmpty()) {
            return Reply.error(HttpStatus.NOT_FOUND, "unknown_carrier").toResponse();
        }
        return ledger.track(known.get(), trackingNumber)
                .map(parcel -> Reply.of(HttpStatus.OK, TrackingResponse.of(parcel)))
                .orElseGet(() -> Reply.error(HttpStatus.NOT_FOUND, "tracking_not_found"))
                .toResponse();
    }

    @GetMapping("/shipping/ledger")
    List<Parcel> ledger() {
        return ledger.parcels();
    }

    @PostMapping("/admin/shipping/{carrier}/parcels/{trackingNumber}/exception")
    ResponseEntity<Object> exception(@PathVariable String carrier, @PathVariable String trackingNumber,
                                     @RequestBody IncidentBody body) {
        Optional<Parcel.Incident> incident = body.incident();
        if (incident.isEmpty()) {
            return Reply.error(HttpStatus.BAD_REQUEST, "reason_must_be_lost_damaged_or_returned").toResponse();
        }
        return Carrier.byId(carrier)
                .flatMap(known -> ledger.exception(known, trackingNumber, incident.get(), Instant.now()))
                .map(parcel -> parcel.stage() == Parcel.Stage.EXCEPTION
                        ? Reply.of(HttpStatus.OK, parcel)
                        : Reply.error(HttpStatus.CONFLICT, "parcel_already_delivered"))
                .orElseGet(() -> Reply.error(HttpStatus.NOT_FOUND, "tracking_not_found"))
                .toResponse();
    }

    record IncidentBody(String reason) {

        Optional<Parcel.Incident> incident() {
            return Arrays.stream(Parcel.Incident.values())
                    .filter(incident -> incident.name().toLowerCase(Locale.ROOT).equals(reason))
                    .findFirst();
        }
    }

    /**
     * A carrier's tracking answer.
     *
     * @param status       the carrier's word for where the parcel is
     * @param statusDetail the carrier's word for what went wrong; only with its exception status
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TrackingResponse(String carrier, String trackingNumber, String status, String statusDetail,
                            Instant lastEventAt, List<TrackingEvent> events) {

        static TrackingResponse of(Parcel parcel) {
            Carrier carrier = parcel.carrier();
            List<TrackingEvent> events = parcel.scans().stream()
                    .map(scan -> new TrackingEvent(carrier.word(scan.stage()),
                            scan.incident() == null ? null : carrier.word(scan.incident()), scan.at()))
                    .toList();
            return new TrackingResponse(carrier.id(), parcel.trackingNumber(), carrier.word(parcel.stage()),
                    parcel.incident() == null ? null : carrier.word(parcel.incident()), parcel.lastScanAt(), events);
        }
    }

    @JsonInclude(JsonInclude.Include.NON_NULL)
    record TrackingEvent(String status, String statusDetail, Instant at) {
    }
}
