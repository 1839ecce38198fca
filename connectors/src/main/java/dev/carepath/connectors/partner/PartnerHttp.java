package dev.carepath.connectors.partner;

import java.io.IOException;
import java.net.http.HttpClient;
import java.time.Duration;
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
 * It logs one line per call with partner, operation, status and duration, and never request or response
 * bodies: they carry payment tokens and prescriptions.
 */
public final class PartnerHttp {

    private static final Logger log = LoggerFactory.getLogger(PartnerHttp.class);

    private final RestClient rest;

    /** @param rest a client whose base URL is the partners' root URL */
    public PartnerHttp(RestClient rest) {
        this.rest = rest;
    }

    /** A client for {@code properties.baseUrl()} with its connect and read timeouts. */
    public static PartnerHttp create(RestClient.Builder builder, PartnerProperties properties) {
        HttpClient httpClient = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(properties.connectTimeout())
                .build();
        JdkClientHttpRequestFactory requestFactory = new JdkClientHttpRequestFactory(httpClient);
        requestFactory.setReadTimeout(properties.readTimeout());
        return new PartnerHttp(builder.baseUrl(properties.baseUrl()).requestFactory(requestFactory).build());
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
        long started = System.nanoTime();
        Answer<T> answer;
        try {
            answer = request.apply(rest).exchange((httpRequest, response) -> Answer.read(response, responseType));
        } catch (RestClientException e) {
            Throwable cause = rootCause(e);
            log.warn("partner={} operation={} status=no-answer error={} durationMs={}",
                    partner, operation, cause.getClass().getSimpleName(), millisSince(started));
            throw new PartnerUnavailableException(partner,
                    partner + " " + operation + " failed: " + cause.getClass().getSimpleName()
                            + (cause.getMessage() == null ? "" : ": " + cause.getMessage()), e);
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
