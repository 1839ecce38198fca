package dev.carepath.connectors.shipping;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.method;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

import dev.carepath.connectors.partner.PartnerHttp;
import dev.carepath.connectors.partner.PartnerUnavailableException;
import java.time.Instant;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.http.HttpMethod;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.test.web.client.ResponseCreator;
import org.springframework.web.client.RestClient;

/** The carriers' dialects, mapped onto our shipment statuses, without a network. */
class HttpShippingCarriersTest {

    private static final String AT = "2025-03-01T10:15:30Z";

    private MockRestServiceServer carriers;
    private ShippingCarriers shipping;

    @BeforeEach
    void setUp() {
        RestClient.Builder builder = RestClient.builder().baseUrl("http://partner.test");
        carriers = MockRestServiceServer.bindTo(builder).build();
        shipping = new HttpShippingCarriers(new PartnerHttp(builder.build()));
    }

    @ParameterizedTest
    @CsvSource({
            "ups,  picked_up,        SHIPPED",
            "ups,  in_transit,       IN_TRANSIT",
            "ups,  out_for_delivery, IN_TRANSIT",
            "ups,  delivered,        DELIVERED",
            "usps, accepted,         SHIPPED",
            "usps, in_transit,       IN_TRANSIT",
            "usps, delivered,        DELIVERED"})
    void mapsEachCarriersStatusWords(String carrier, String carrierStatus, ShipmentStatus expected) {
        carriers.expect(requestTo("http://partner.test/shipping/" + carrier + "/tracking/TN1"))
                .andExpect(method(HttpMethod.GET))
                .andRespond(tracking("{\"trackingNumber\":\"TN1\",\"status\":\"" + carrierStatus
                        + "\",\"lastEventAt\":\"" + AT + "\"}"));

        assertThat(shipping.track(carrier, "TN1"))
                .isEqualTo(new ShipmentTracking(carrier, "TN1", expected, null, Instant.parse(AT)));
    }

    @ParameterizedTest
    @CsvSource({
            "ups,  exception, lost,               LOST",
            "ups,  exception, damaged,            DAMAGED",
            "ups,  exception, returned_to_sender, RETURNED",
            "usps, alert,     missing,            LOST",
            "usps, alert,     damaged,            DAMAGED",
            "usps, alert,     return_to_sender,   RETURNED"})
    void mapsExceptionsWithTheirReason(String carrier, String carrierStatus, String detail,
                                       ShipmentExceptionReason reason) {
        carriers.expect(requestTo("http://partner.test/shipping/" + carrier + "/tracking/TN1"))
                .andRespond(tracking("{\"trackingNumber\":\"TN1\",\"status\":\"" + carrierStatus
                        + "\",\"statusDetail\":\"" + detail + "\",\"lastEventAt\":\"" + AT + "\"}"));

        ShipmentTracking tracking = shipping.track(carrier, "TN1");

        assertThat(tracking.status()).isEqualTo(ShipmentStatus.EXCEPTION);
        assertThat(tracking.exceptionReason()).isEqualTo(reason);
    }

    @Test
    void takesTheCarrierAsThePharmacyWebhookNamesIt() {
        carriers.expect(requestTo("http://partner.test/shipping/ups/tracking/1Z999"))
                .andRespond(tracking("{\"status\":\"delivered\",\"lastEventAt\":\"" + AT + "\"}"));

        assertThat(shipping.track("UPS", "1Z999").carrier()).isEqualTo("ups");
    }

    @Test
    void aStatusWeDoNotKnowIsUnreadableNotAGuess() {
        carriers.expect(requestTo("http://partner.test/shipping/ups/tracking/TN1"))
                .andRespond(tracking("{\"status\":\"teleported\",\"lastEventAt\":\"" + AT + "\"}"));

        assertThatThrownBy(() -> shipping.track("ups", "TN1"))
                .isInstanceOfSatisfying(PartnerUnavailableException.class,
                        unavailable -> assertThat(unavailable.partner()).isEqualTo("ups"))
                .hasMessageContaining("teleported");
    }

    @Test
    void anExceptionWithoutAKnownReasonIsUnreadable() {
        carriers.expect(requestTo("http://partner.test/shipping/usps/tracking/TN1"))
                .andRespond(tracking("{\"status\":\"alert\",\"lastEventAt\":\"" + AT + "\"}"));

        assertThatThrownBy(() -> shipping.track("usps", "TN1")).isInstanceOf(PartnerUnavailableException.class);
    }

    @Test
    void onlyAnExceptionHasAReason() {
        assertThatThrownBy(() -> new ShipmentTracking("ups", "TN1", ShipmentStatus.DELIVERED,
                ShipmentExceptionReason.LOST, Instant.parse(AT))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new ShipmentTracking("ups", "TN1", ShipmentStatus.EXCEPTION, null, Instant.parse(AT)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ResponseCreator tracking(String json) {
        return withSuccess(json, MediaType.APPLICATION_JSON);
    }
}
