package dev.carepath.connectors.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.content;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.header;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.method;
import static org.springframework.test.web.client.match.MockRestRequestMatchers.requestTo;
import static org.springframework.test.web.client.response.MockRestResponseCreators.withStatus;

import dev.carepath.connectors.partner.PartnerHttp;
import dev.carepath.connectors.partner.PartnerRejectedException;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.parallel.Isolated;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.http.HttpMethod;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.test.web.client.MockRestServiceServer;
import org.springframework.test.web.client.ResponseCreator;
import org.springframework.web.client.RestClient;

/** The providers' wire format, and what never leaves the request body, without a network. */
// Isolated: it reads the captured standard output, which test classes running beside it would write into.
@Isolated
@ExtendWith(OutputCaptureExtension.class)
class HttpMessagingGatewayTest {

    private static final String ADDRESS = "jane.doe@example.com";
    private static final OutboundMessage EMAIL = new OutboundMessage(MessageChannel.EMAIL, "shipment-delivered",
            ADDRESS, Map.of("trackingUrl", "https://track.example/1Z999"), "evt_1:email");

    private MockRestServiceServer providers;
    private MessagingGateway messaging;

    @BeforeEach
    void setUp() {
        RestClient.Builder builder = RestClient.builder().baseUrl("http://partner.test");
        providers = MockRestServiceServer.bindTo(builder).build();
        messaging = new HttpMessagingGateway(new PartnerHttp(builder.build()));
    }

    @Test
    void sendsEmailThroughTheEmailProviderUnderTheIdempotencyKey(CapturedOutput logs) {
        providers.expect(requestTo("http://partner.test/messaging/postmark-sim/messages"))
                .andExpect(method(HttpMethod.POST))
                .andExpect(header("Idempotency-Key", "evt_1:email"))
                .andExpect(content().json("""
                        {"channel":"email","template":"shipment-delivered","to":"jane.doe@example.com",
                         "parameters":{"trackingUrl":"https://track.example/1Z999"}}
                        """, true))
                .andRespond(withStatus(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body("""
                        {"messageId":"msg_1","status":"accepted","channel":"email","acceptedAt":"2025-03-01T10:15:30Z"}"""));

        MessageReceipt receipt = messaging.send(EMAIL);

        assertThat(receipt).isEqualTo(new MessageReceipt("postmark-sim", "msg_1", MessageChannel.EMAIL,
                Instant.parse("2025-03-01T10:15:30Z")));
        assertThat(logs.getAll()).contains("partner=postmark-sim").doesNotContain(ADDRESS, "track.example");
    }

    @Test
    void sendsSmsAndPushThroughTheirProvider() {
        providers.expect(requestTo("http://partner.test/messaging/twilight-sms/messages"))
                .andExpect(content().json("{\"channel\":\"sms\",\"to\":\"+14155550123\"}"))
                .andRespond(accepted("sms"));
        providers.expect(requestTo("http://partner.test/messaging/beacon-push/messages"))
                .andExpect(content().json("{\"channel\":\"push\"}"))
                .andRespond(accepted("push"));

        assertThat(messaging.send(new OutboundMessage(MessageChannel.SMS, "refill-due", "+14155550123", Map.of(),
                "k-sms")).provider()).isEqualTo("twilight-sms");
        assertThat(messaging.send(new OutboundMessage(MessageChannel.PUSH, "refill-due", "device-token-0123456789",
                null, "k-push")).channel()).isEqualTo(MessageChannel.PUSH);
    }

    @Test
    void aMessageCarepathRenderedCarriesItsSenderSubjectAndText() {
        providers.expect(requestTo("http://partner.test/messaging/postmark-sim/messages"))
                .andExpect(content().json("""
                        {"channel":"email","template":"medication-shipped","to":"jane.doe@example.com","parameters":{},
                         "from":"Northwind Health","subject":"Your order shipped","text":"It is on its way."}
                        """, true))
                .andRespond(accepted("email"));

        messaging.send(new OutboundMessage(MessageChannel.EMAIL, "medication-shipped", ADDRESS, Map.of(), "k-rendered",
                new MessageContent("Northwind Health", "Your order shipped", "It is on its way.")));
    }

    @Test
    void aRefusalNeverCarriesTheAddress(CapturedOutput logs) {
        providers.expect(requestTo("http://partner.test/messaging/postmark-sim/messages"))
                .andRespond(withStatus(HttpStatus.UNPROCESSABLE_ENTITY).contentType(MediaType.APPLICATION_JSON)
                        .body("{\"error\":\"invalid_recipient\"}"));

        assertThatThrownBy(() -> messaging.send(EMAIL))
                .isInstanceOfSatisfying(PartnerRejectedException.class, rejected -> {
                    assertThat(rejected.partner()).isEqualTo("postmark-sim");
                    assertThat(rejected.code()).isEqualTo(MessagingGateway.MESSAGE_REJECTED);
                    assertThat(rejected.reason()).isEqualTo("invalid_recipient");
                })
                .hasMessageNotContaining(ADDRESS);
        assertThat(logs.getAll()).doesNotContain(ADDRESS);
    }

    @Test
    void aMessageNotAcceptedInsideA2xxIsARejection() {
        providers.expect(requestTo("http://partner.test/messaging/postmark-sim/messages"))
                .andRespond(withStatus(HttpStatus.OK).contentType(MediaType.APPLICATION_JSON)
                        .body("{\"messageId\":\"msg_1\",\"status\":\"suppressed\"}"));

        assertThatThrownBy(() -> messaging.send(EMAIL))
                .isInstanceOfSatisfying(PartnerRejectedException.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo("suppressed"));
    }

    @Test
    void neverPrintsTheAddressOrTheParameters() {
        assertThat(EMAIL.toString()).contains("evt_1:email", "shipment-delivered")
                .doesNotContain(ADDRESS, "track.example", "trackingUrl");
    }

    @Test
    void refusesAMessageWithoutAKeyOrRecipient() {
        assertThatThrownBy(() -> new OutboundMessage(MessageChannel.SMS, "t", "+14155550123", Map.of(), " "))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new OutboundMessage(MessageChannel.SMS, "t", null, Map.of(), "k"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    private static ResponseCreator accepted(String channel) {
        return withStatus(HttpStatus.CREATED).contentType(MediaType.APPLICATION_JSON).body(
                "{\"messageId\":\"msg_" + channel + "\",\"status\":\"accepted\",\"channel\":\"" + channel
                        + "\",\"acceptedAt\":\"2025-03-01T10:15:30Z\"}");
    }
}
