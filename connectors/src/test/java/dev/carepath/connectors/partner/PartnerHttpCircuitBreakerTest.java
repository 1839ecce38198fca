package dev.carepath.connectors.partner;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.carepath.connectors.partner.PartnerProperties.CircuitBreakerSettings;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.web.client.RestClient;

/**
 * The per-partner circuit breaker in {@link PartnerHttp}, against a partner on a real socket: it opens on
 * unavailability only, then fails fast without calling, and lets trial calls through once the wait is over.
 */
class PartnerHttpCircuitBreakerTest {

    /** Opens at 50 % of the last 4 calls; stays open 300 ms; 2 trial calls. */
    private static final CircuitBreakerSettings SMALL_WINDOW =
            new CircuitBreakerSettings(50, 4, 4, Duration.ofMillis(300), 2);
    /** Long enough for a local stub to answer on a busy machine; only the timeout test waits it out. */
    private static final Duration READ_TIMEOUT = Duration.ofSeconds(3);
    private static final Duration IMPATIENT_READ_TIMEOUT = Duration.ofMillis(300);

    private final PartnerStub partner = new PartnerStub();
    private final PartnerHttp http = PartnerHttp.create(RestClient.builder(),
            new PartnerProperties(partner.url(), Duration.ofSeconds(1), READ_TIMEOUT, SMALL_WINDOW));

    @AfterEach
    void stopPartner() {
        partner.close();
    }

    @Test
    void opensAfterUnavailabilityAndThenFailsFastWithoutCallingThePartner() {
        partner.answer(503);
        failFourTimes("acme");

        assertThat(state("acme")).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> ping("acme"))
                .isInstanceOfSatisfying(PartnerUnavailableException.class,
                        unavailable -> assertThat(unavailable.partner()).isEqualTo("acme"))
                .hasMessageContaining("circuit open")
                .hasCauseInstanceOf(CallNotPermittedException.class);
        assertThat(partner.requests()).isEqualTo(4);
    }

    @Test
    void aRefusedCallSaysHowLongTheCircuitStaysOpen() {
        partner.answer(503);
        failFourTimes("acme");

        assertThatThrownBy(() -> ping("acme"))
                .isInstanceOfSatisfying(PartnerCircuitOpenException.class, open -> assertThat(open.retryAfter())
                        .isPositive()
                        .isLessThanOrEqualTo(SMALL_WINDOW.waitDurationInOpenState()));
        // Once the wait is over a trial call goes to the partner.
        await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThatThrownBy(() -> ping("acme"))
                .isNotInstanceOf(PartnerCircuitOpenException.class));
        assertThat(partner.requests()).isEqualTo(5);
    }

    @Test
    void rejectionsAreAnswersAndNeverOpenTheCircuit() {
        partner.answer(422);

        IntStream.range(0, 10).forEach(i -> assertThatThrownBy(() -> ping("acme"))
                .isInstanceOfSatisfying(PartnerRejectedException.class,
                        rejected -> assertThat(rejected.reason()).isEqualTo("stub_422")));

        assertThat(state("acme")).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(partner.requests()).isEqualTo(10);
    }

    @Test
    void timeoutsCountAsUnavailability() {
        partner.stopAnswering();
        PartnerHttp impatient = PartnerHttp.create(RestClient.builder(),
                new PartnerProperties(partner.url(), Duration.ofSeconds(1), IMPATIENT_READ_TIMEOUT, SMALL_WINDOW));

        IntStream.range(0, 4).forEach(i -> assertThatThrownBy(() -> ping(impatient, "acme"))
                .isInstanceOf(PartnerUnavailableException.class)
                .hasMessageContaining("HttpTimeoutException"));

        assertThat(impatient.circuitBreakers().circuitBreaker("acme").getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void refusedConnectionsCountAsUnavailability() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        PartnerHttp unreachable = PartnerHttp.create(RestClient.builder(), new PartnerProperties(
                "http://127.0.0.1:" + closedPort, Duration.ofSeconds(1), READ_TIMEOUT, SMALL_WINDOW));

        IntStream.range(0, 4).forEach(i -> assertThatThrownBy(() -> ping(unreachable, "acme"))
                .isInstanceOf(PartnerUnavailableException.class));

        assertThat(unreachable.circuitBreakers().circuitBreaker("acme").getState()).isEqualTo(CircuitBreaker.State.OPEN);
    }

    @Test
    void trialCallsCloseTheCircuitOnceThePartnerHasRecovered() {
        partner.answer(503);
        failFourTimes("acme");
        partner.answer(200);

        // Fails fast while open; the first call after the wait is the first trial, and reaches the partner.
        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50))
                .ignoreExceptionsInstanceOf(PartnerUnavailableException.class)
                .until(() -> ping("acme"), "pong"::equals);
        assertThat(state("acme")).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThat(ping("acme")).isEqualTo("pong");

        assertThat(state("acme")).isEqualTo(CircuitBreaker.State.CLOSED);
        assertThat(partner.requests()).isEqualTo(4 + 2);
    }

    @Test
    void failedTrialCallsOpenTheCircuitAgain() {
        partner.answer(503);
        failFourTimes("acme");

        await().atMost(Duration.ofSeconds(3)).pollInterval(Duration.ofMillis(50)).until(() -> {
            assertThatThrownBy(() -> ping("acme")).isInstanceOf(PartnerUnavailableException.class);
            return partner.requests() > 4;
        });
        assertThat(state("acme")).isEqualTo(CircuitBreaker.State.HALF_OPEN);
        assertThatThrownBy(() -> ping("acme")).hasMessageContaining("503");

        assertThat(state("acme")).isEqualTo(CircuitBreaker.State.OPEN);
        assertThatThrownBy(() -> ping("acme")).hasMessageContaining("circuit open");
        assertThat(partner.requests()).isEqualTo(4 + 2);
    }

    @Test
    void eachPartnerHasItsOwnCircuit() {
        partner.answer(503);
        failFourTimes("acme");
        partner.answer(200);

        assertThat(ping("globex")).isEqualTo("pong");
        assertThatThrownBy(() -> ping("acme")).hasMessageContaining("circuit open");
        assertThat(state("globex")).isEqualTo(CircuitBreaker.State.CLOSED);
    }

    @Test
    void usesTheConfiguredSettings() {
        var config = http.circuitBreakers().circuitBreaker("acme").getCircuitBreakerConfig();

        assertThat(config.getFailureRateThreshold()).isEqualTo(50f);
        assertThat(config.getSlidingWindowSize()).isEqualTo(4);
        assertThat(config.getMinimumNumberOfCalls()).isEqualTo(4);
        assertThat(config.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(2);
        assertThat(new PartnerHttp(RestClient.create()).circuitBreakers().getDefaultConfig())
                .satisfies(defaults -> {
                    assertThat(defaults.getFailureRateThreshold()).isEqualTo(50f);
                    assertThat(defaults.getSlidingWindowSize()).isEqualTo(20);
                    assertThat(defaults.getMinimumNumberOfCalls()).isEqualTo(10);
                    assertThat(defaults.getPermittedNumberOfCallsInHalfOpenState()).isEqualTo(3);
                });
    }

    private void failFourTimes(String partnerId) {
        IntStream.range(0, 4).forEach(i -> assertThatThrownBy(() -> ping(partnerId))
                .isInstanceOf(PartnerUnavailableException.class)
                .satisfies(unavailable -> assertThat(unavailable).hasMessageNotContaining("circuit open")));
    }

    private CircuitBreaker.State state(String partnerId) {
        return http.circuitBreakers().circuitBreaker(partnerId).getState();
    }

    private String ping(String partnerId) {
        return ping(http, partnerId);
    }

    private static String ping(PartnerHttp client, String partnerId) {
        return client.call(partnerId, "ping", "SOMETHING_DECLINED", rest -> rest.get().uri("/ping"), Pong.class).value();
    }

    record Pong(String value) {
    }
}
