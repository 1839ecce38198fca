package dev.carepath.portal.callbacks;

import dev.carepath.portal.tenants.Tenants;
import dev.carepath.tenancy.TenantScope;
import dev.carepath.tenancy.TenantTransactions;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;
import org.springframework.context.SmartLifecycle;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Sends due deliveries. Each attempt runs in one transaction: the due delivery is found across tenants (purpose
 * {@value #PURPOSE}) and locked with {@code FOR UPDATE SKIP LOCKED}, so portal nodes never send the same one at
 * once; a delivery is due only when no earlier delivery of its journey is still pending, which holds each
 * journey's order. Then, in the delivery's tenant, it is signed with the tenant's active secrets, posted to the
 * callback URL (connect and read timeouts), and marked: {@code DELIVERED} on a 2xx answer, else pending again
 * after an exponential backoff with jitter, or {@code FAILED} once the next attempt would fall outside the retry
 * window. At least once: a tenant that answered but whose answer was lost gets the delivery again, with the same
 * {@code webhook-id}.
 */
@Component
class DeliveryDispatcher implements SmartLifecycle {

    static final String PURPOSE = "callback-dispatch";

    private static final Logger log = LoggerFactory.getLogger(DeliveryDispatcher.class);
    private static final int ERROR_LENGTH = 200;

    private record Due(UUID deliveryId, String tenantId, UUID journeyId, String type, String payload, int attempts,
            OffsetDateTime retryFrom) {
    }

    private final TenantTransactions transactions;
    private final JdbcTemplate jdbc;
    private final Tenants tenants;
    private final SigningSecrets secrets;
    private final CallbackProperties properties;
    private final HttpClient http;
    private volatile ScheduledExecutorService senders;

    DeliveryDispatcher(TenantTransactions transactions, JdbcTemplate jdbc, Tenants tenants, SigningSecrets secrets,
            CallbackProperties properties) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.secrets = secrets;
        this.properties = properties;
        this.http = HttpClient.newBuilder().connectTimeout(properties.connectTimeout())
                .followRedirects(HttpClient.Redirect.NEVER).build();
    }

    /** Sends due deliveries until none is left; returns how many attempts it made. */
    int sendDue() {
        int attempts = 0;
        while (sendOne()) {
            attempts++;
        }
        return attempts;
    }

    /** One attempt of one due delivery; false when none is due. */
    boolean sendOne() {
        return Boolean.TRUE.equals(transactions.acrossTenants(PURPOSE, () -> {
            Optional<Due> due = claim();
            if (due.isEmpty()) {
                return false;
            }
            TenantScope.enter(jdbc, due.get().tenantId());
            attempt(due.get());
            return true;
        }));
    }

    private Optional<Due> claim() {
        return jdbc.query("""
                SELECT d.delivery_id, d.tenant_id, d.journey_id, d.type, d.payload, d.attempts, d.retry_from
                FROM callbacks.delivery d
                WHERE d.status = 'PENDING' AND d.next_attempt_at <= now()
                  AND NOT EXISTS (SELECT 1 FROM callbacks.delivery e WHERE e.tenant_id = d.tenant_id
                                  AND e.journey_id = d.journey_id AND e.status = 'PENDING'
                                  AND e.delivery_seq < d.delivery_seq)
                ORDER BY d.next_attempt_at, d.delivery_seq
                LIMIT 1
                FOR UPDATE OF d SKIP LOCKED""",
                (rs, i) -> new Due(rs.getObject(1, UUID.class), rs.getString(2), rs.getObject(3, UUID.class),
                        rs.getString(4), rs.getString(5), rs.getInt(6), rs.getObject(7, OffsetDateTime.class)))
                .stream().findFirst();
    }

    private void attempt(Due due) {
        MDC.put("tenantId", due.tenantId());
        MDC.put("journeyId", due.journeyId().toString());
        long started = System.nanoTime();
        try {
            String id = due.deliveryId().toString();
            long timestamp = Instant.now().getEpochSecond();
            List<String> signing = secrets.active(due.tenantId());
            Integer statusCode = null;
            String error = null;
            try {
                HttpRequest request = HttpRequest.newBuilder(URI.create(tenants.callbackUrl(due.tenantId())
                                .orElseThrow(() -> new IllegalStateException("the tenant has no callback URL"))))
                        .timeout(properties.readTimeout())
                        .header("Content-Type", "application/json")
                        .header("User-Agent", "carepath-webhooks")
                        .header("webhook-id", id)
                        .header("webhook-timestamp", Long.toString(timestamp))
                        .header("webhook-signature",
                                StandardWebhooks.signatureHeader(signing, id, timestamp, due.payload()))
                        .POST(HttpRequest.BodyPublishers.ofString(due.payload()))
                        .build();
                statusCode = http.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                if (statusCode / 100 != 2) {
                    error = "answered " + statusCode;
                }
            } catch (IOException | RuntimeException e) {
                error = e.getClass().getSimpleName() + (e.getMessage() == null ? "" : ": " + e.getMessage());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                error = "interrupted";
            }
            long millis = (System.nanoTime() - started) / 1_000_000;
            int attempts = due.attempts() + 1;
            if (error == null) {
                jdbc.update("UPDATE callbacks.delivery SET status = 'DELIVERED', attempts = ?, last_attempt_at = now(),"
                        + " last_status_code = ?, last_error = NULL, delivered_at = now() WHERE delivery_id = ?",
                        attempts, statusCode, due.deliveryId());
                log.info("webhook {} delivery {} delivered on attempt {} ({} ms)", due.type(), id, attempts, millis);
                return;
            }
            Duration wait = backoff(attempts);
            Instant next = Instant.now().plus(wait);
            boolean giveUp = next.isAfter(due.retryFrom().toInstant().plus(properties.retryWindow()));
            String reason = error.length() > ERROR_LENGTH ? error.substring(0, ERROR_LENGTH) : error;
            jdbc.update("UPDATE callbacks.delivery SET status = ?, attempts = ?, last_attempt_at = now(),"
                    + " last_status_code = ?, last_error = ?, next_attempt_at = ? WHERE delivery_id = ?",
                    giveUp ? "FAILED" : "PENDING", attempts, statusCode, reason,
                    OffsetDateTime.ofInstant(next, java.time.ZoneOffset.UTC), due.deliveryId());
            if (giveUp) {
                log.warn("webhook {} delivery {} FAILED after {} attempts: {}", due.type(), id, attempts, reason);
            } else {
                log.info("webhook {} delivery {} attempt {} failed ({} ms): {}; next in {} ms", due.type(), id,
                        attempts, millis, reason, wait.toMillis());
            }
        } finally {
            MDC.remove("tenantId");
            MDC.remove("journeyId");
        }
    }

    /** The wait after {@code attempts} failed ones: first-retry doubled per attempt, capped, times 0.5-1.0 (jitter). */
    Duration backoff(int attempts) {
        long first = properties.firstRetry().toMillis();
        long cap = properties.maxRetryDelay().toMillis();
        long exponential = attempts >= 31 ? cap : Math.min(cap, first << Math.max(0, attempts - 1));
        long jittered = exponential / 2 + ThreadLocalRandom.current().nextLong(exponential / 2 + 1);
        return Duration.ofMillis(Math.max(1, jittered));
    }

    @Override
    public void start() {
        if (!properties.dispatch() || senders != null) {
            return;
        }
        AtomicInteger number = new AtomicInteger();
        senders = Executors.newScheduledThreadPool(properties.senders(), runnable -> {
            Thread thread = new Thread(runnable, "webhook-sender-" + number.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        long interval = properties.pollInterval().toMillis();
        for (int i = 0; i < properties.senders(); i++) {
            senders.scheduleWithFixedDelay(this::sendDueSafely, interval, interval, TimeUnit.MILLISECONDS);
        }
        log.info("webhook dispatch started: {} senders, polling every {}", properties.senders(),
                properties.pollInterval());
    }

    private void sendDueSafely() {
        try {
            sendDue();
        } catch (RuntimeException e) {
            log.warn("webhook dispatch pass failed: {}", e.toString());
        }
    }

    @Override
    public void stop() {
        ScheduledExecutorService running = senders;
        senders = null;
        if (running != null) {
            running.shutdownNow();
            try {
                running.awaitTermination(5, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }

    @Override
    public boolean isRunning() {
        return senders != null;
    }
}
