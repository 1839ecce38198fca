package dev.carepath.connectors.shipping;

import dev.carepath.connectors.partner.PartnerHttp;
import dev.carepath.connectors.partner.PartnerRejectedException;
import dev.carepath.connectors.partner.PartnerUnavailableException;
import java.time.Instant;
import java.util.Locale;

/**
 * {@link ShippingCarriers} over the carriers' tracking API: {@code GET /shipping/{carrier}/tracking/{number}},
 * the carrier id in lower case. The carrier's status words go through {@link CarrierStatusMapper}; an answer we
 * cannot map (an unknown status, or an exception without a reason we know) is unreadable, so unavailable.
 */
public class HttpShippingCarriers implements ShippingCarriers {

    private final PartnerHttp http;

    public HttpShippingCarriers(PartnerHttp http) {
        this.http = http;
    }

    @Override
    public ShipmentTracking track(String carrier, String trackingNumber) {
        String carrierId = carrier.toLowerCase(Locale.ROOT);
        TrackingResponse response = http.call(carrierId, "track", PartnerRejectedException.REQUEST_REFUSED,
                rest -> rest.get().uri("/shipping/{carrier}/tracking/{trackingNumber}", carrierId, trackingNumber),
                TrackingResponse.class);
        ShipmentStatus status = CarrierStatusMapper.status(response.status())
                .orElseThrow(() -> unreadable(carrierId, "status " + response.status()));
        ShipmentExceptionReason reason = status != ShipmentStatus.EXCEPTION ? null
                : CarrierStatusMapper.exceptionReason(response.statusDetail())
                        .orElseThrow(() -> unreadable(carrierId, "exception detail " + response.statusDetail()));
        return new ShipmentTracking(carrierId, trackingNumber, status, reason, response.lastEventAt());
    }

    private static PartnerUnavailableException unreadable(String carrier, String what) {
        return new PartnerUnavailableException(carrier, carrier + " track answered an unknown " + what, null);
    }

    record TrackingResponse(String trackingNumber, String status, String statusDetail, Instant lastEventAt) {
    }
}
