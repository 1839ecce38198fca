package dev.carepath.connectors.partner;

import dev.carepath.connectors.partner.PartnerProperties.CircuitBreakerSettings;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClient.RequestHeadersSpec.ConvertibleClientHttpResponse;
import org.springframework.web.client.RestClientException;

/**
 * The one way adapters talk to partners: sends a request, returns the 2xx body, and turns every other answer
 * into {@link PartnerRejectedException} or {@link PartnerUnavailableException}:
 * <ul>
 *   <li>402, 422: the partner's business "no", with the caller's rejection code;</li>
 *   <li>409: {@link PartnerRejectedException#IDEMPOTENCY_CONFLICT}; 404: {@link PartnerRejectedException#NOT_FOUND};
 *       any other 4xx: {@link PartnerRejectedException#REQUEST_REFUSED};</li>
 *   <li>5xx, 408, 429, timeouts, connection and I/O failures, unreadable or empty bodies: unavailable.</li>
 * </ul>
 * Every call goes through the partner's circuit breaker ({@link CircuitBreakerSettings}): only unavailability
 * counts against it, and while it is open calls fail at once with {@link PartnerCircuitOpenException} (a
 * {@link PartnerUnavailableException} that says how long the breaker stays open) without touching the network. There are no retries here: see the package documentation.
 *
 * <p>It logs one line per call with partner, operation, status and duration, and never request or response
 * bodies: they carry payment tokens, addresses and prescriptions.
 */
public final class PartnerHttp {

    /** The header that carries an operation's idempotency key to every partner. */
    public static final String IDEMPOTENCY_KEY = "Idempotency-Key";

    private static final Logger log = LoggerFactory.getLogger(PartnerHttp.class);

    private final RestClient rest;
    private final CircuitBreakerRegistry circuitBreakers;
    /** When each partner's breaker last opened, to tell a refused caller how long it stays open. */
    private final Map<String, Instant> openedAt = new ConcurrentHashMap<>();

    /** @param rest a client whose base URL is the partners' root URL; circuit breakers with default settings */
    public PartnerHttp(RestClient rest) {
        this(rest, CircuitBreakerSettings.defaults());
    }

    /** @param rest a client whose base URL is the partners' root URL */
    public PartnerHttp(RestClient rest, CircuitBreakerSettings circuitBreaker) {
        this.rest = rest;
        this.circuitBreakers = CircuitBreakerRegistry.of(breakerConfig(circuitBreaker));
        this.circuitBreakers.getEventPublisher().onEntryAdded(added -> logTransitions(added.getAddedEntry()));
    }

    /** A client for {@code properties.baseUrl()} with its connect and read timeouts and circuit breakers. */
    public static PartnerHttp create(RestClient.Builder builder, PartnerProperties properties) {
        HttpClient httpClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .build();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
        requestFactory.setReadTimeout(properties.readTimeout());
        return new PartnerHttp(builder.baseUrl(properties.baseUrl()).requestFactory(requestFactory).build(),
                properties.circuitBreaker());
    }

    /**
     * The circuit breakers, one per partner id (created on the first call), e.g. to read a partner's state or to
     * bind their metrics.
     */
    public CircuitBreakerRegistry circuitBreakers() {
        return circuitBreakers;
    }

    /**
     * Calls a partner.
     *
     * @param partner       the partner id, for errors and logs
     * @param operation     what we ask of it, for logs, e.g. {@code charge}
     * @param rejectionCode our code for the partner's business "no" (402, 422), e.g. {@code PAYMENT_DECLINED}
     * @param request       builds the request on the shared client
     * @param responseType  the partner's 2xx body
     */
    public <T> T call(String partner, String operation, String rejectionCode,
                      Function<RestClient, RestClient.RequestHeadersSpec<?>> request, Class<T> responseType) {
        CircuitBreaker circuitBreaker = circuitBreakers.circuitBreaker(partner);
        try {
            return circuitBreaker.executeSupplier(() -> exchange(partner, operation, rejectionCode, request, responseType));
        } catch (CallNotPermittedException open) {
            Duration retryAfter = remainingOpenWait(circuitBreaker);
            log.warn("partner={} operation={} status=circuit-open durationMs=0 retryAfterMs={}", partner, operation,
                    retryAfter.toMillis());
            throw new PartnerCircuitOpenException(partner,
                    partner + " " + operation + " not attempted: circuit open", retryAfter, open);
        }
    }

    /**
     * How long the partner's breaker stays open: the configured wait less the time since it opened. Half-open
     * (its trial calls taken) or an opening we did not see: the whole configured wait, an upper bound.
     */
    Duration remainingOpenWait(CircuitBreaker circuitBreaker) {
        Duration wait = Duration.ofMillis(
                circuitBreaker.getCircuitBreakerConfig().getWaitIntervalFunctionInOpenState().apply(1));
        Instant opened = openedAt.get(circuitBreaker.getName());
        if (circuitBreaker.getState() != CircuitBreaker.State.OPEN || opened == null) {
            return wait;
        }
        Duration left = wait.minus(Duration.between(opened, Instant.now()));
        return left.compareTo(Duration.ofMillis(1)) < 0 ? Duration.ofMillis(1) : left;
    }

    private <T> T exchange(String partner, String operation, String rejectionCode,
                           Function<RestClient, RestClient.RequestHeadersSpec<?>> request, Class<T> responseType) {
        long started = System.nanoTime();
        Answer<T> answer;
        try {
            answer = request.apply(rest).exchange((httpRequest, response) -> Answer.read(response, responseType));
        } catch (RestClientException e) {
            Throwable cause = rootCause(e);
            log.warn("partner={} operation={} status=no-answer error={} durationMs={}",
                    partner, operation, cause.getClass().getSimpleName(), millisSince(started));
            // Only the type: a parser's message can quote the body (a prescription), and this text
            // reaches incidents and logs.
            throw new PartnerUnavailableException(partner,
                    partner + " " + operation + " failed: " + cause.getClass().getSimpleName(), e);
        }
        int status = answer.status().value();
        if (answer.status().is2xxSuccessful()) {
            log.info("partner={} operation={} status={} durationMs={}", partner, operation, status, millisSince(started));
            if (answer.body() == null) {
                throw new PartnerUnavailableException(partner, partner + " " + operation + " answered " + status
                        + " without a body", null);
            }
            return answer.body();
        }
        RuntimeException failure = failure(partner, operation, rejectionCode, answer);
        if (failure instanceof PartnerUnavailableException) {
            log.warn("partner={} operation={} status={} durationMs={}", partner, operation, status, millisSince(started));
        } else {
            log.info("partner={} operation={} status={} durationMs={}", partner, operation, status, millisSince(started));
        }
        throw failure;
    }

    private static RuntimeException failure(String partner, String operation, String rejectionCode, Answer<?> answer) {
        int status = answer.status().value();
        if (!answer.status().is4xxClientError() || status == 408 || status == 429) {
            return new PartnerUnavailableException(partner, partner + " " + operation + " answered " + status, null);
        }
        String reason = answer.error() != null ? answer.error() : "http_" + status;
        String code = switch (status) {
            case 402, 422 -> rejectionCode;
            case 409 -> PartnerRejectedException.IDEMPOTENCY_CONFLICT;
            case 404 -> PartnerRejectedException.NOT_FOUND;
            default -> PartnerRejectedException.REQUEST_REFUSED;
        };
        return new PartnerRejectedException(partner, code, reason);
    }

    /** Counts only unavailability as a failure; any other outcome, a rejection included, is an answer. */
    private static CircuitBreakerConfig breakerConfig(CircuitBreakerSettings settings) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(settings.slidingWindowSize())
                .minimumNumberOfCalls(settings.minimumNumberOfCalls())
                .failureRateThreshold(settings.failureRateThreshold())
                .waitDurationInOpenState(settings.waitDurationInOpenState())
                .permittedNumberOfCallsInHalfOpenState(settings.permittedCallsInHalfOpenState())
                .recordException(PartnerUnavailableException.class::isInstance)
                .build();
    }

    private void logTransitions(CircuitBreaker circuitBreaker) {
        circuitBreaker.getEventPublisher().onStateTransition(event -> {
            if (event.getStateTransition().getToState() == CircuitBreaker.State.OPEN) {
                openedAt.put(event.getCircuitBreakerName(), event.getCreationTime().toInstant());
            }
            log.warn("partner={} circuit={} from={}", event.getCircuitBreakerName(),
                    event.getStateTransition().getToState(), event.getStateTransition().getFromState());
        });
    }

    private static long millisSince(long startedNanos) {
        return Duration.ofNanos(System.nanoTime() - startedNanos).toMillis();
    }

    private static Throwable rootCause(Throwable e) {
        Throwable cause = e;
        while (cause.getCause() != null && cause.getCause() != cause) {
            cause = cause.getCause();
        }
        return cause;
    }

    /** The body partners send with a 4xx or 5xx: {@code {"error": "card_declined"}}. */
    private record ErrorBody(String error) {
    }

    private record Answer<T>(HttpStatusCode status, T body, String error) {

        static <T> Answer<T> read(ConvertibleClientHttpResponse response, Class<T> type) throws IOException {
            HttpStatusCode status = response.getStatusCode();
            if (status.is2xxSuccessful()) {
                return new Answer<>(status, response.bodyTo(type), null);
            }
            return new Answer<>(status, null, errorOf(response));
        }

        private static String errorOf(ConvertibleClientHttpResponse response) {
            try {
                ErrorBody body = response.bodyTo(ErrorBody.class);
                return body == null || body.error() == null || body.error().isBlank() ? null : body.error();
            } catch (RestClientException notJson) {
                return null;
            }
        }
    }
}
