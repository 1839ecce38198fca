package dev.carepath.connectors.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.content;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.method;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withStatus;

import dev.carepath.connectors.partner.PartnerHttp;
import dev.carepath.connectors.partner.PartnerRejectedException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;

/** The processor's wire format, without a network. */
class HttpPaymentGatewayTest {

    private static final ChargeRequest CHARGE =
            new ChargeRequest("northpay", "t1:o1:1", "acct_1", "tok_visa_4242", 19_900, "USD");

    private MockRestServiceServer processor;
    private PaymentGateway gateway;

    @BeforeEach
    void setUp() {
        RestClient.Builder builder = RestClient.builder().baseUrl("http://partner.test");
        processor = MockRestServiceServer.bindTo(builder).build();
        gateway = new HttpPaymentGateway(new PartnerHttp(builder.build()));
    }

    @Test
    void chargesWithTheIdempotencyKeyHeaderAndMapsTheCapture() {
        processor.expect(requestTo("http://partner.test/payments/northpay/charges"))
                .andExpect(method(HttpMethod.POST))
                .andExpect(header("Idempotency-Key", "t1:o1:1"))
                .andExpect(content().json("""
                        {"merchantAccount":"acct_1","paymentToken":"tok_visa_4242","amountMinor":19900,"currency":"USD"}
                        """, true))
                .andRespond(withStatus(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body("""
                        {"chargeId":"ch_1","status":"captured","amountMinor":19900,"currency":"USD"}"""));

        assertThat(gateway.charge(CHARGE)).isEqualTo(new ChargeResult("northpay", "ch_1", 19_900, "USD"));
        processor.verify();
    }

    @Test
    void aChargeThatWasNotCapturedIsADecline() {
        processor.expect(requestTo("http://partner.test/payments/northpay/charges"))
                .andRespond(withStatus(HttpStatus.OK).contentType(MediaType.APPLICATION_JSON).body("""
                        {"chargeId":"ch_1","status":"requires_action","amountMinor":19900,"currency":"USD"}"""));

        assertThatThrownBy(() -> gateway.charge(CHARGE))
                .isInstanceOfSatisfying(PartnerRejectedException.class, rejected -> {
                    assertThat(rejected.code()).isEqualTo(PaymentGateway.PAYMENT_DECLINED);
                    assertThat(rejected.reason()).isEqualTo("requires_action");
                });
    }

    @Test
    void neverPrintsThePaymentToken() {
        assertThat(CHARGE.toString()).doesNotContain("tok_visa_4242").contains("t1:o1:1");
    }
}
