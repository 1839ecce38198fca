package dev.carepath.simulator.webhooks;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.carepath.simulator.DelayedTasks;
import dev.carepath.simulator.PartnerKind;
import dev.carepath.simulator.faults.FaultInjector;
import dev.carepath.contracts.webhooks.WebhookSignature;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.stereotype.Component;

/**
 * Delivers webhooks the way partners do: the JSON body signed with {@link WebhookSignature} (timestamp and
 * signature headers, re-signed on every attempt), retried on a non-2xx answer or a failed connection after
 * {@code initial-backoff}, doubling up to {@code max-backoff}, until {@code max-attempts} is reached, which is
 * logged. Sending never blocks: the HTTP exchange is asynchronous and retries wait on {@link DelayedTasks}.
 * The partner kind's webhook faults apply here: a share of events is delivered twice, and a share late.
 */
@Component
public class WebhookSender {

    private static final Logger log = LoggerFactory.getLogger(WebhookSender.class);
    private static final Duration ATTEMPT_TIMEOUT = Duration.ofSeconds(5);

    private final WebhookProperties properties;
    private final ObjectMapper json;
    private final DelayedTasks tasks;
    private final FaultInjector faults;
    private final HttpClient http = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(2))
            .build();

    WebhookSender(WebhookProperties properties, ObjectMapper json, DelayedTasks tasks, FaultInjector faults) {
        this.properties = properties;
        this.json = json;
        this.tasks = tasks;
        this.faults = faults;
    }

    /**
     * Sends {@code event} from a partner of this kind to {@code path} below the target URL, e.g.
     * {@code /webhooks/telehealth/meridian-health}, with the kind's late and duplicate webhook faults.
     *
     * @return completes once the event was delivered or given up on, so a caller can order what it sends next
     */
    public CompletableFuture<Void> send(PartnerKind kind, String path, WebhookEvent event) {
        String body;
        try {
            body = json.writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write webhook " + event.type(), e);
        }
        Delivery delivery = new Delivery(URI.create(stripTrailingSlash(properties.targetUrl()) + path), event, body);
        Duration delay = faults.webhookDelay(kind);
        CompletableFuture<Void> done = new CompletableFuture<>();
        deliverAfter(delay, delivery, done);
        if (faults.duplicateWebhook(kind)) {
            deliverAfter(delay, delivery, new CompletableFuture<>());
        }
        return done;
    }

    private void deliverAfter(Duration delay, Delivery delivery, CompletableFuture<Void> done) {
        if (delay.isZero()) {
            attempt(delivery, 1, done);
            return;
        }
        log.info("Webhook {} {} held back for {} ms (late webhook fault)", delivery.type(), delivery.eventId(),
                delay.toMillis());
        tasks.after(delay, "late webhook " + delivery.eventId(), () -> attempt(delivery, 1, done));
    }

    private void attempt(Delivery delivery, int attempt, CompletableFuture<Void> done) {
        long timestamp = Instant.now().getEpochSecond();
        HttpRequest request = HttpRequest.newBuilder(delivery.target())
                .timeout(ATTEMPT_TIMEOUT)
                .header(HttpHeaders.CONTENT_TYPE, MediaType.APPLICATION_JSON_VALUE)
                .header(WebhookSignature.TIMESTAMP_HEADER, Long.toString(timestamp))
                .header(WebhookSignature.SIGNATURE_HEADER, WebhookSignature.sign(properties.secret(), timestamp, delivery.body()))
                .POST(HttpRequest.BodyPublishers.ofString(delivery.body()))
                .build();
        http.sendAsync(request, HttpResponse.BodyHandlers.discarding()).whenComplete((response, error) -> {
            if (error == null && response.statusCode() / 100 == 2) {
                log.info("Webhook {} {} delivered to {} (attempt {}, status {})", delivery.type(), delivery.eventId(),
                        delivery.target().getPath(), attempt, response.statusCode());
                done.complete(null);
                return;
            }
            String failure = error != null ? describe(error) : "status " + response.statusCode();
            if (attempt >= properties.maxAttempts()) {
                log.error("Webhook {} {} to {} given up after {} attempts; last failure: {}", delivery.type(),
                        delivery.eventId(), delivery.target().getPath(), attempt, failure);
                done.complete(null);
                return;
            }
            Duration backoff = backoffAfter(attempt, properties.initialBackoff(), properties.maxBackoff());
            log.warn("Webhook {} {} to {} failed (attempt {}, {}); retrying in {} ms", delivery.type(),
                    delivery.eventId(), delivery.target().getPath(), attempt, failure, backoff.toMillis());
            tasks.after(backoff, "webhook retry " + delivery.eventId(), () -> attempt(delivery, attempt + 1, done));
        });
    }

    /** The wait after failed attempt number {@code attempt} (1-based): initial, 2 x initial, ... capped at max. */
    static Duration backoffAfter(int attempt, Duration initial, Duration max) {
        int doublings = Math.min(attempt - 1, 30);
        Duration backoff = initial.multipliedBy(1L << doublings);
        return backoff.compareTo(max) > 0 ? max : backoff;
    }

    private static String describe(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getClass().getSimpleName();
    }

    private static String stripTrailingSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private record Delivery(URI target, WebhookEvent event, String body) {

        String type() {
            return event.type();
        }

        String eventId() {
            return event.eventId();
        }
    }
}
