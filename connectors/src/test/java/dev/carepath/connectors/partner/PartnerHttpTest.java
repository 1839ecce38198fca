package dev.carepath.connectors.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withException;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withStatus;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withSuccess;

import java.net.SocketTimeoutException;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.web.client.RestClient;

/** How partner answers map onto results, rejections and unavailability. */
class PartnerHttpTest {

    private static final String BUSINESS_NO = "SOMETHING_DECLINED";

    private MockRestServiceServer partner;
    private PartnerHttp http;

    @BeforeEach
    void setUp() {
        RestClient.Builder builder = RestClient.builder().baseUrl("http://partner.test");
        partner = MockRestServiceServer.bindTo(builder).build();
        http = new PartnerHttp(builder.build());
    }

    @Test
    void returnsTheBodyOfA2xx() {
        partner.expect(requestTo("http://partner.test/ping"))
                .andRespond(withSuccess("{\"value\":\"pong\",\"extra\":1}", MediaType.APPLICATION_JSON));

        assertThat(call()).isEqualTo(new Pong("pong"));
    }

    @ParameterizedTest
    @CsvSource({
            "402, SOMETHING_DECLINED",
            "422, SOMETHING_DECLINED",
            "409, IDEMPOTENCY_CONFLICT",
            "404, NOT_FOUND",
            "400, PARTNER_REQUEST_REFUSED",
            "403, PARTNER_REQUEST_REFUSED"})
    void clientErrorsAreRejectionsWithThePartnersReason(int status, String code) {
        partner.expect(requestTo("http://partner.test/ping"))
                .andRespond(withStatus(HttpStatus.valueOf(status)).contentType(MediaType.APPLICATION_JSON)
                        .body("{\"error\":\"some_reason\"}"));

        assertThatThrownBy(this::call)
                .isInstanceOfSatisfying(PartnerRejectedException.class, rejected -> {
                    assertThat(rejected.partner()).isEqualTo("acme");
                    assertThat(rejected.code()).isEqualTo(code);
                    assertThat(rejected.reason()).isEqualTo("some_reason");
                });
    }

    @Test
    void aRejectionWithoutAReadableBodyIsReasonedByItsStatus() {
        partner.expect(requestTo("http://partner.test/ping"))
                .andRespond(withStatus(HttpStatus.PAYMENT_REQUIRED).contentType(MediaType.TEXT_HTML).body("<h1>no</h1>"));

        assertThatThrownBy(this::call)
                .isInstanceOfSatisfying(PartnerRejectedException.class, rejected -> {
                    assertThat(rejected.code()).isEqualTo(BUSINESS_NO);
                    assertThat(rejected.reason()).isEqualTo("http_402");
                });
    }

    @ParameterizedTest
    @ValueSource(ints = {500, 502, 503, 504, 408, 429})
    void serverErrorsThrottlingAndRequestTimeoutsAreUnavailability(int status) {
        partner.expect(requestTo("http://partner.test/ping"))
                .andRespond(withStatus(HttpStatus.valueOf(status)).contentType(MediaType.APPLICATION_JSON)
                        .body("{\"error\":\"busy\"}"));

        assertThatThrownBy(this::call)
                .isInstanceOfSatisfying(PartnerUnavailableException.class,
                        unavailable -> assertThat(unavailable.partner()).isEqualTo("acme"))
                .hasMessageContaining(String.valueOf(status));
    }

    @Test
    void timeoutsAreUnavailability() {
        partner.expect(requestTo("http://partner.test/ping")).andRespond(withException(new SocketTimeoutException("Read timed out")));

        assertThatThrownBy(this::call)
                .isInstanceOf(PartnerUnavailableException.class)
                .hasRootCauseInstanceOf(SocketTimeoutException.class);
    }

    @Test
    void anUnreadable2xxIsUnavailability() {
        partner.expect(requestTo("http://partner.test/ping"))
                .andRespond(withSuccess("{\"value\":", MediaType.APPLICATION_JSON));

        assertThatThrownBy(this::call).isInstanceOf(PartnerUnavailableException.class);
    }

    @Test
    void anEmpty2xxIsUnavailability() {
        partner.expect(requestTo("http://partner.test/ping")).andRespond(withStatus(HttpStatus.OK));

        assertThatThrownBy(this::call).isInstanceOf(PartnerUnavailableException.class);
    }

    private Pong call() {
        return http.call("acme", "ping", BUSINESS_NO, rest -> rest.get().uri("/ping"), Pong.class);
    }

    record Pong(String value) {
    }
}
