package dev.carepath.connectors.payments;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.carepath.connectors.partner.PartnerHttp;
import dev.carepath.connectors.partner.PartnerProperties;
import dev.carepath.connectors.partner.PartnerRejectedException;
import dev.carepath.connectors.partner.PartnerUnavailableException;
import dev.carepath.simulator.PartnerKind;
import dev.carepath.connectors.testing.SimulatorTestBase;
import java.net.http.HttpTimeoutException;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/** The payment adapter against the simulated processors: money moves once, and failures say what they are. */
class HttpPaymentGatewayIT extends SimulatorTestBase {

    private static final String MERCHANT = "acct_tenant_1";

    private PaymentGateway gateway;

    @BeforeEach
    void connectToTheSimulator() {
        gateway = new HttpPaymentGateway(partnerHttp());
    }

    @Test
    void capturesACharge() {
        String key = newKey();

        ChargeResult result = gateway.charge(charge("northpay", key, "tok_visa", 19_900));

        assertThat(result.processor()).isEqualTo("northpay");
        assertThat(result.chargeId()).startsWith("ch_");
        assertThat(result.amountMinor()).isEqualTo(19_900);
        assertThat(result.currency()).isEqualTo("USD");
        assertThat(chargesFor(key)).singleElement().satisfies(charge -> {
            assertThat(charge.path("chargeId").asText()).isEqualTo(result.chargeId());
            assertThat(charge.path("merchantAccount").asText()).isEqualTo(MERCHANT);
            assertThat(charge.path("amountMinor").asLong()).isEqualTo(19_900);
        });
    }

    @Test
    void theSameKeyTwiceIsTheSameChargeAndMovesMoneyOnce() {
        String key = newKey();

        ChargeResult first = gateway.charge(charge("keystone-payments", key, "tok_visa", 19_900));
        ChargeResult second = gateway.charge(charge("keystone-payments", key, "tok_visa", 19_900));

        assertThat(second).isEqualTo(first);
        assertThat(chargesFor(key)).hasSize(1);
    }

    @Test
    void concurrentChargesWithOneKeyCaptureOnce() throws Exception {
        String key = newKey();
        ExecutorService workers = Executors.newFixedThreadPool(8);
        // The same latency for every racer, so that they reach the partner together.
        injectFaults(PartnerKind.PAYMENTS, "{\"latencyMs\": {\"min\": 20, \"max\": 20}}");
        CountDownLatch start = new CountDownLatch(1);
        try {
            List<Callable<ChargeResult>> racers = IntStream.range(0, 8).<Callable<ChargeResult>>mapToObj(i -> () -> {
                start.await();
                return gateway.charge(charge("northpay", key, "tok_visa", 4_900));
            }).toList();
            List<Future<ChargeResult>> results = racers.stream().map(workers::submit).toList();
            start.countDown();

            List<String> chargeIds = results.stream().map(HttpPaymentGatewayIT::get).map(ChargeResult::chargeId)
                    .distinct().toList();
            assertThat(chargeIds).hasSize(1);
            assertThat(chargesFor(key)).hasSize(1);
        } finally {
            workers.shutdownNow();
        }
    }

    @Test
    void theSameKeyForADifferentAmountIsAConflictNotASecondCharge() {
        String key = newKey();
        gateway.charge(charge("northpay", key, "tok_visa", 19_900));

        assertThatThrownBy(() -> gateway.charge(charge("northpay", key, "tok_visa", 29_900)))
                .isInstanceOfSatisfying(PartnerRejectedException.class, rejected -> {
                    assertThat(rejected.code()).isEqualTo(PartnerRejectedException.IDEMPOTENCY_CONFLICT);
                    assertThat(rejected.reason()).isEqualTo("idempotency_key_reused");
                });
        assertThat(chargesFor(key)).hasSize(1);
    }

    @Test
    void aDeclinedCardIsRejectedAsPaymentDeclinedAndChargesNothing() {
        String key = newKey();

        assertThatThrownBy(() -> gateway.charge(charge("northpay", key, "tok_decline_insufficient_funds", 19_900)))
                .isInstanceOfSatisfying(PartnerRejectedException.class, rejected -> {
                    assertThat(rejected.partner()).isEqualTo("northpay");
                    assertThat(rejected.code()).isEqualTo(PaymentGateway.PAYMENT_DECLINED);
                    assertThat(rejected.reason()).isEqualTo("card_declined");
                });
        assertThat(chargesFor(key)).isEmpty();
    }

    @Test
    void aFailingProcessorIsUnavailableAndChargesNothing() {
        injectFaults(PartnerKind.PAYMENTS, "{\"errorRate\": 1.0}");
        String key = newKey();

        assertThatThrownBy(() -> gateway.charge(charge("northpay", key, "tok_visa", 19_900)))
                .isInstanceOfSatisfying(PartnerUnavailableException.class,
                        unavailable -> assertThat(unavailable.partner()).isEqualTo("northpay"))
                .hasMessageContaining("503");
        assertThat(chargesFor(key)).isEmpty();
    }

    @Test
    void aTimeoutIsUnavailableAndTheRetryWithTheSameKeyFindsTheChargeTheProcessorMadeAnyway() {
        makeSlowerThanTheReadTimeout(PartnerKind.PAYMENTS);
        String key = newKey();

        // The processor still captured it after we stopped waiting: the lost-response case idempotency is for.
        String chargedId = chargeUnavailableYetMade(key);
        injectFaults(PartnerKind.PAYMENTS, "{\"latencyMs\": {\"min\": 0, \"max\": 0}}");

        ChargeResult retried = gateway.charge(charge("northpay", key, "tok_visa", 19_900));

        assertThat(retried.chargeId()).isEqualTo(chargedId);
        assertThat(chargesFor(key)).hasSize(1);
    }

    @Test
    void aLostAnswerIsUnavailableYetTheChargeIsMadeAndTheRetryWithTheSameKeyReturnsIt() {
        loseEveryAnswer(PartnerKind.PAYMENTS);
        String key = newKey();

        // Handled before the answer was held back: the money moved although the caller never heard so.
        String chargedId = chargeUnavailableYetMade(key);
        injectFaults(PartnerKind.PAYMENTS, "{\"timeoutRate\": 0}");

        ChargeResult retried = gateway.charge(charge("northpay", key, "tok_visa", 19_900));

        assertThat(retried.chargeId()).isEqualTo(chargedId);
        assertThat(chargesFor(key)).hasSize(1);
    }

    @Test
    void theDeclineFaultDeclinesAGoodTokenAndTheRetriedKeyIsDeclinedAgain() {
        injectFaults(PartnerKind.PAYMENTS, "{\"declineRate\": 1.0}");
        String key = newKey();

        for (int attempt = 0; attempt < 2; attempt++) {
            assertThatThrownBy(() -> gateway.charge(charge("northpay", key, "tok_visa", 19_900)))
                    .isInstanceOfSatisfying(PartnerRejectedException.class, rejected -> {
                        assertThat(rejected.code()).isEqualTo(PaymentGateway.PAYMENT_DECLINED);
                        assertThat(rejected.reason()).isEqualTo("do_not_honor");
                    });
        }
        assertThat(chargesFor(key)).isEmpty();
    }

    @Test
    void theDeclineFaultDecidesByTheKeyAlone() {
        injectFaults(PartnerKind.PAYMENTS, "{\"declineRate\": 0.5}");
        // Fixed keys, so that this run's mix of outcomes is every run's.
        List<String> keys = IntStream.range(0, 12).mapToObj(i -> "tenant-declines:order-" + i + ":1").toList();

        List<String> outcomes = keys.stream().map(key -> outcome("northpay", MERCHANT, key)).toList();
        // The same keys at a processor that never saw them, for another merchant: the same answers.
        List<String> elsewhere = keys.stream().map(key -> outcome("keystone-payments", "acct_tenant_2", key)).toList();

        assertThat(elsewhere).isEqualTo(outcomes);
        assertThat(outcomes).contains("captured", "declined");
    }

    @Test
    void aProcessorThatRefusesConnectionsIsUnavailable() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PaymentGateway unreachable = new HttpPaymentGateway(PartnerHttp.create(RestClient.builder(),
                new PartnerProperties("http://127.0.0.1:" + closedPort, Duration.ofSeconds(1), READ_TIMEOUT)));

        assertThatThrownBy(() -> unreachable.charge(charge("northpay", newKey(), "tok_visa", 19_900)))
                .isInstanceOf(PartnerUnavailableException.class);
    }

    @Test
    void refundsOnceAndNeverMoreThanWasCharged() {
        ChargeResult charge = gateway.charge(charge("northpay", newKey(), "tok_visa", 10_000));
        String refundKey = charge.chargeId() + ":refund";

        RefundResult refund = gateway.refund(new RefundRequest("northpay", refundKey, MERCHANT, charge.chargeId(), 6_000));
        RefundResult repeated = gateway.refund(new RefundRequest("northpay", refundKey, MERCHANT, charge.chargeId(), 6_000));

        assertThat(refund.refundId()).startsWith("re_");
        assertThat(refund.chargeId()).isEqualTo(charge.chargeId());
        assertThat(refund.amountMinor()).isEqualTo(6_000);
        assertThat(repeated).isEqualTo(refund);
        assertThatThrownBy(() -> gateway.refund(
                new RefundRequest("northpay", newKey(), MERCHANT, charge.chargeId(), 5_000)))
                .isInstanceOfSatisfying(PartnerRejectedException.class, rejected -> {
                    assertThat(rejected.code()).isEqualTo(PaymentGateway.REFUND_REJECTED);
                    assertThat(rejected.reason()).isEqualTo("amount_exceeds_refundable");
                });
        assertThat(select(getJson("/payments/ledger"), field("type", "refund")))
                .filteredOn(field("chargeId", charge.chargeId()))
                .extracting(entry -> entry.path("amountMinor").asLong())
                .containsExactly(6_000L);
    }

    @Test
    void aMerchantAccountWithAnApiKeyIsChargedAndRefundedOnlyWithItsKey() {
        String key = newKey();
        ChargeRequest request = new ChargeRequest(KEYED_PROCESSOR, key, KEYED_MERCHANT, "tok_visa", 7_000, "USD");
        PaymentGateway withoutKey = gateway;
        PaymentGateway wrongKey = new HttpPaymentGateway(partnerHttp(), (processor, merchant) -> Optional.of("sk_guess"));
        PaymentGateway keyed = new HttpPaymentGateway(partnerHttp(), (processor, merchant) ->
                KEYED_PROCESSOR.equals(processor) && KEYED_MERCHANT.equals(merchant) ? Optional.of(MERCHANT_KEY)
                        : Optional.empty());

        for (PaymentGateway refused : List.of(withoutKey, wrongKey)) {
            assertThatThrownBy(() -> refused.charge(request))
                    .isInstanceOfSatisfying(PartnerRejectedException.class, rejected -> {
                        assertThat(rejected.code()).isEqualTo(PartnerRejectedException.REQUEST_REFUSED);
                        assertThat(rejected.reason()).isEqualTo("invalid_api_key");
                        assertThat(rejected.getMessage()).doesNotContain(MERCHANT_KEY);
                    });
        }
        assertThat(chargesFor(key)).isEmpty();

        ChargeResult charge = keyed.charge(request);
        assertThatThrownBy(() -> withoutKey.refund(new RefundRequest(KEYED_PROCESSOR, "refund:" + key, KEYED_MERCHANT,
                charge.chargeId(), 7_000))).isInstanceOf(PartnerRejectedException.class);
        RefundResult refund = keyed.refund(new RefundRequest(KEYED_PROCESSOR, "refund:" + key, KEYED_MERCHANT,
                charge.chargeId(), 7_000));

        assertThat(chargesFor(key)).singleElement().satisfies(entry -> {
            assertThat(entry.path("processor").asText()).isEqualTo(KEYED_PROCESSOR);
            assertThat(entry.path("merchantAccount").asText()).isEqualTo(KEYED_MERCHANT);
        });
        assertThat(refund.chargeId()).isEqualTo(charge.chargeId());
        // The key unlocks that account only: another account at the same processor goes without one, as before.
        assertThat(keyed.charge(charge(KEYED_PROCESSOR, newKey(), "tok_visa", 1_000)).processor())
                .isEqualTo(KEYED_PROCESSOR);
    }

    /** {@code captured} or {@code declined}. */
    private String outcome(String processor, String merchantAccount, String key) {
        try {
            gateway.charge(new ChargeRequest(processor, key, merchantAccount, "tok_visa", 1_000, "USD"));
            return "captured";
        } catch (PartnerRejectedException declined) {
            return "declined";
        }
    }

    private static ChargeRequest charge(String processor, String key, String token, long amountMinor) {
        return new ChargeRequest(processor, key, MERCHANT, token, amountMinor, "USD");
    }

    private List<JsonNode> chargesFor(String idempotencyKey) {
        return select(getJson("/payments/ledger"),
                field("type", "charge").and(field("idempotencyKey", idempotencyKey)));
    }

    private static String newKey() {
        return "tenant-1:order-" + UUID.randomUUID() + ":1";
    }

    private static <T> T get(Future<T> future) {
        try {
            return future.get();
        } catch (Exception e) {
            throw new AssertionError("charge failed", e);
        }
    }

    /**
     * Charges with {@code key} while the processor does not answer in time: the call fails as unavailable
     * (before the partner would have answered), yet the processor made the charge. Returns its id.
     */
    private String chargeUnavailableYetMade(String key) {
        assertThatThrownBy(() -> gateway.charge(charge("northpay", key, "tok_visa", 19_900)))
                .isInstanceOf(PartnerUnavailableException.class)
                // Given up by the read timeout, before the slow partner answered: the cause says so, not a clock.
                .hasRootCauseInstanceOf(HttpTimeoutException.class);
        await().atMost(Duration.ofSeconds(30)).until(() -> chargesFor(key).size() == 1);
        return chargesFor(key).get(0).path("chargeId").asText();
    }
}
