package dev.carepath.connectors.erx;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.content;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withStatus;

import dev.carepath.connectors.partner.PartnerHttp;
import dev.carepath.connectors.partner.PartnerRejectedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;

/** The pharmacy's wire format, without a network. */
class HttpErxNetworkTest {

    private static final NewRx NEW_RX = new NewRx("cedar-pharmacy", "rx-1", "order-1", "TX", "semaglutide", "0.25", 4,
            "Inject 0.25 mg once weekly", "1234567893");
    private static final CancelRx CANCEL_RX = new CancelRx("cedar-pharmacy", "rx-1:cancel", "rx-1", "patient_request");

    private MockRestServiceServer pharmacy;
    private ErxNetwork erx;

    @BeforeEach
    void setUp() {
        RestClient.Builder builder = RestClient.builder().baseUrl("http://partner.test");
        pharmacy = MockRestServiceServer.bindTo(builder).build();
        erx = new HttpErxNetwork(new PartnerHttp(builder.build()));
    }

    @Test
    void sendsTheNewRxAndMapsTheReceipt() {
        pharmacy.expect(requestTo("http://partner.test/erx/cedar-pharmacy/newrx"))
                .andExpect(content().json("""
                        {"messageId":"rx-1","clientReference":"order-1","stateCode":"TX","medication":"semaglutide",
                         "doseMg":"0.25","quantity":4,"directions":"Inject 0.25 mg once weekly","prescriberNpi":"1234567893"}
                        """, true))
                .andRespond(withStatus(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body("""
                        {"pharmacyPrescriptionId":"rx_9","messageId":"rx-1","status":"accepted"}"""));

        assertThat(erx.submitNewRx(NEW_RX)).isEqualTo(new ErxReceipt("cedar-pharmacy", "rx_9", "rx-1"));
    }

    @Test
    void aRejectionInsideA2xxBodyIsStillARejection() {
        pharmacy.expect(requestTo("http://partner.test/erx/cedar-pharmacy/newrx"))
                .andRespond(withStatus(HttpStatus.OK).contentType(MediaType.APPLICATION_JSON).body("""
                        {"messageId":"rx-1","status":"rejected","error":"drug_not_stocked"}"""));

        assertThatThrownBy(() -> erx.submitNewRx(NEW_RX))
                .isInstanceOfSatisfying(PartnerRejectedException.class, rejected -> {
                    assertThat(rejected.partner()).isEqualTo("cedar-pharmacy");
                    assertThat(rejected.code()).isEqualTo(ErxNetwork.ERX_REJECTED);
                    assertThat(rejected.reason()).isEqualTo("drug_not_stocked");
                });
    }

    @Test
    void sendsTheCancelRxAndMapsTheCancellation() {
        pharmacy.expect(requestTo("http://partner.test/erx/cedar-pharmacy/cancelrx"))
                .andExpect(content().json("""
                        {"messageId":"rx-1:cancel","originalMessageId":"rx-1","reason":"patient_request"}
                        """, true))
                .andRespond(withStatus(HttpStatus.OK).contentType(MediaType.APPLICATION_JSON).body("""
                        {"originalMessageId":"rx-1","status":"cancelled"}"""));

        assertThat(erx.cancelRx(CANCEL_RX)).isEqualTo(new ErxCancellation("cedar-pharmacy", "rx-1", "cancelled"));
    }

    @Test
    void aCancelDeniedWith422CarriesThePharmacysReason() {
        pharmacy.expect(requestTo("http://partner.test/erx/cedar-pharmacy/cancelrx"))
                .andRespond(withStatus(HttpStatus.UNPROCESSABLE_ENTITY).contentType(MediaType.APPLICATION_JSON)
                        .body("{\"error\":\"already_dispensed\"}"));

        assertThatThrownBy(() -> erx.cancelRx(CANCEL_RX))
                .isInstanceOfSatisfying(PartnerRejectedException.class, denied -> {
                    assertThat(denied.partner()).isEqualTo("cedar-pharmacy");
                    assertThat(denied.code()).isEqualTo(ErxNetwork.CANCEL_DENIED);
                    assertThat(denied.reason()).isEqualTo("already_dispensed");
                });
    }

    @Test
    void aCancelAnsweredWithAnotherStatusIsStillADenial() {
        pharmacy.expect(requestTo("http://partner.test/erx/cedar-pharmacy/cancelrx"))
                .andRespond(withStatus(HttpStatus.OK).contentType(MediaType.APPLICATION_JSON).body("""
                        {"originalMessageId":"rx-1","status":"denied"}"""));

        assertThatThrownBy(() -> erx.cancelRx(CANCEL_RX))
                .isInstanceOfSatisfying(PartnerRejectedException.class, denied -> {
                    assertThat(denied.code()).isEqualTo(ErxNetwork.CANCEL_DENIED);
                    assertThat(denied.reason()).isEqualTo("denied");
                });
    }

    @Test
    void neverPrintsClinicalDetails() {
        assertThat(NEW_RX.toString()).contains("rx-1").doesNotContain("semaglutide", "Inject", "1234567893");
        assertThat(new CancelRx("cedar-pharmacy", "rx-1:cancel", "rx-1", "adverse_reaction").toString())
                .contains("rx-1:cancel").doesNotContain("adverse_reaction");
    }
}
