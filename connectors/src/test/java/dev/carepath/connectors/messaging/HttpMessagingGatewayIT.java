package dev.carepath.connectors.messaging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.connectors.partner.PartnerRejectedException;
import dev.carepath.connectors.partner.PartnerUnavailableException;
import dev.carepath.simulator.PartnerKind;
import dev.carepath.connectors.testing.SimulatorTestBase;
import java.net.http.HttpTimeoutException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The messaging adapter against the simulated providers: each message sent once, and nobody's address shown. */
class HttpMessagingGatewayIT extends SimulatorTestBase {

    private static final String ADDRESS = "jane.doe@example.com";
    private static final String PHONE = "+14155550123";
    private static final String TRACKING_URL = "https://track.example/1Z999";

    private MessagingGateway messaging;

    @BeforeEach
    void connectToTheSimulator() {
        messaging = new HttpMessagingGateway(partnerHttp());
    }

    @Test
    void sendsAnEmailOnceHoweverOftenItIsAskedTo() {
        long messagesBefore = getJson("/ledger/summary").path("messages").asLong();
        OutboundMessage email = email(newKey());

        MessageReceipt receipt = messaging.send(email);
        MessageReceipt again = messaging.send(email);

        assertThat(receipt.provider()).isEqualTo("postmark-sim");
        assertThat(receipt.messageId()).startsWith("msg_");
        assertThat(receipt.channel()).isEqualTo(MessageChannel.EMAIL);
        assertThat(again).isEqualTo(receipt);
        assertThat(messagesFor(email.idempotencyKey())).singleElement().satisfies(message -> {
            assertThat(message.path("messageId").asText()).isEqualTo(receipt.messageId());
            assertThat(message.path("provider").asText()).isEqualTo("postmark-sim");
            assertThat(message.path("channel").asText()).isEqualTo("email");
            assertThat(message.path("template").asText()).isEqualTo("shipment-delivered");
            assertThat(message.path("to").asText()).isEqualTo("j***@e***.com");
            assertThat(message.path("parameterNames")).extracting(JsonNode::asText).containsExactly("trackingUrl");
        });
        assertThat(getJson("/ledger/summary").path("messages").asLong()).isEqualTo(messagesBefore + 1);
    }

    @Test
    void theLedgerNeverShowsAnAddressOrAParameterValue() {
        messaging.send(email(newKey()));
        messaging.send(new OutboundMessage(MessageChannel.SMS, "refill-due", PHONE, Map.of("orderRef", "A-17"),
                newKey()));

        String ledger = simulator().get().uri("/messaging/ledger").retrieve().body(String.class);

        assertThat(ledger).doesNotContain(ADDRESS, "jane.doe", "example.com", PHONE, "4155550123", TRACKING_URL, "A-17");
    }

    @Test
    void sendsSmsThroughTheSmsProviderAndPushThroughThePushProvider() {
        MessageReceipt sms = messaging.send(new OutboundMessage(MessageChannel.SMS, "refill-due", PHONE, Map.of(),
                newKey()));
        String pushKey = newKey();
        MessageReceipt push = messaging.send(new OutboundMessage(MessageChannel.PUSH, "refill-due",
                "device-token-0123456789abcdef", Map.of(), pushKey));

        assertThat(sms.provider()).isEqualTo("twilight-sms");
        assertThat(push.provider()).isEqualTo("beacon-push");
        assertThat(messagesFor(pushKey)).singleElement()
                .satisfies(message -> assertThat(message.path("to").asText()).isEqualTo("***cdef"));
    }

    @Test
    void aRenderedMessageShowsItsSenderAndSubjectButNotItsTextAndIsCountedByChannel() {
        JsonNode before = getJson("/ledger/summary");
        String key = newKey();
        messaging.send(new OutboundMessage(MessageChannel.EMAIL, "medication-shipped", ADDRESS, Map.of(), key,
                new MessageContent("Northwind Health", "Northwind Health: your order shipped", "Tracking 1Z999.")));
        messaging.send(new OutboundMessage(MessageChannel.SMS, "medication-shipped", PHONE, Map.of(), newKey(),
                new MessageContent("Northwind Health", null, "Northwind Health: shipped.")));

        assertThat(messagesFor(key)).singleElement().satisfies(message -> {
            assertThat(message.path("from").asText()).isEqualTo("Northwind Health");
            assertThat(message.path("subject").asText()).isEqualTo("Northwind Health: your order shipped");
            assertThat(message.path("textLength").asInt()).isEqualTo("Tracking 1Z999.".length());
        });
        assertThat(simulator().get().uri("/messaging/ledger").retrieve().body(String.class)).doesNotContain("1Z999");
        JsonNode after = getJson("/ledger/summary");
        assertThat(after.path("emailMessages").asLong()).isEqualTo(before.path("emailMessages").asLong() + 1);
        assertThat(after.path("smsMessages").asLong()).isEqualTo(before.path("smsMessages").asLong() + 1);
        assertThat(after.path("pushMessages").asLong()).isEqualTo(before.path("pushMessages").asLong());
    }

    @Test
    void anAddressThatIsNotOneForTheChannelIsRejectedAndNothingIsSent() {
        String key = newKey();

        assertThatThrownBy(() -> messaging.send(new OutboundMessage(MessageChannel.SMS, "refill-due", ADDRESS,
                Map.of(), key)))
                .isInstanceOfSatisfying(PartnerRejectedException.class, rejected -> {
                    assertThat(rejected.partner()).isEqualTo("twilight-sms");
                    assertThat(rejected.code()).isEqualTo(MessagingGateway.MESSAGE_REJECTED);
                    assertThat(rejected.reason()).isEqualTo("invalid_recipient");
                })
                .hasMessageNotContaining(ADDRESS);
        assertThat(messagesFor(key)).isEmpty();
    }

    @Test
    void anotherMessageUnderAUsedKeyIsAConflictNotASecondMessage() {
        String key = newKey();
        messaging.send(email(key));

        assertThatThrownBy(() -> messaging.send(new OutboundMessage(MessageChannel.EMAIL, "refill-due", ADDRESS,
                Map.of(), key)))
                .isInstanceOfSatisfying(PartnerRejectedException.class,
                        rejected -> assertThat(rejected.code()).isEqualTo(PartnerRejectedException.IDEMPOTENCY_CONFLICT));
        assertThat(messagesFor(key)).hasSize(1);
    }

    @Test
    void aFailingProviderIsUnavailableAndSendsNothing() {
        injectFaults(PartnerKind.MESSAGING, "{\"errorRate\": 1.0}");
        String key = newKey();

        assertThatThrownBy(() -> messaging.send(email(key)))
                .isInstanceOfSatisfying(PartnerUnavailableException.class,
                        unavailable -> assertThat(unavailable.partner()).isEqualTo("postmark-sim"))
                .hasMessageContaining("503");
        assertThat(messagesFor(key)).isEmpty();
    }

    @Test
    void aLostAnswerIsUnavailableAndTheRetryWithTheSameKeyDoesNotSendItAgain() {
        loseEveryAnswer(PartnerKind.MESSAGING);
        OutboundMessage email = email(newKey());

        assertThatThrownBy(() -> messaging.send(email)).isInstanceOf(PartnerUnavailableException.class)
                // Given up by the read timeout, before the slow partner answered: the cause says so, not a clock.
                .hasRootCauseInstanceOf(HttpTimeoutException.class);

        // The provider sent it although we never heard back.
        await().atMost(Duration.ofSeconds(30)).until(() -> messagesFor(email.idempotencyKey()).size() == 1);
        injectFaults(PartnerKind.MESSAGING, "{\"timeoutRate\": 0}");
        MessageReceipt retried = messaging.send(email);

        assertThat(messagesFor(email.idempotencyKey())).singleElement()
                .satisfies(message -> assertThat(message.path("messageId").asText()).isEqualTo(retried.messageId()));
    }

    private static OutboundMessage email(String key) {
        return new OutboundMessage(MessageChannel.EMAIL, "shipment-delivered", ADDRESS,
                Map.of("trackingUrl", TRACKING_URL), key);
    }

    private List<JsonNode> messagesFor(String idempotencyKey) {
        return select(getJson("/messaging/ledger"), field("idempotencyKey", idempotencyKey));
    }

    private static String newKey() {
        return "evt_" + UUID.randomUUID() + ":notify";
    }
}
