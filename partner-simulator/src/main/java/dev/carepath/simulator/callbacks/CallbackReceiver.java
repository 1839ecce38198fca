package dev.carepath.simulator.callbacks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RestController;

/** The receiver; see the package description. State lives in memory, like the partners' ledgers. */
@RestController
class CallbackReceiver {

    private static final Logger log = LoggerFactory.getLogger(CallbackReceiver.class);
    private static final long TOLERANCE_SECONDS = 300;

    /** The secrets to verify with, per tenant. */
    record Secrets(List<String> secrets) {
    }

    /** What the receiver saw, counted at the time of the call. */
    record Summary(long attempts, long deliveries, long duplicates, long badSignatures, long refusedOnPurpose,
            long orderViolations, long journeys, double failureRate) {
    }

    private final ObjectMapper json;
    private final double failureRate;
    private final Map<String, List<String>> secrets = new ConcurrentHashMap<>();
    /** Accepted webhook ids (a second 2xx for one is a duplicate). */
    private final Set<String> accepted = ConcurrentHashMap.newKeySet();
    /** Backbone event ids of accepted deliveries. */
    private final Set<String> receivedEvents = ConcurrentHashMap.newKeySet();
    /** The highest sequence accepted per journey. */
    private final Map<String, Long> lastSequence = new ConcurrentHashMap<>();
    private long attempts;
    private long duplicates;
    private long badSignatures;
    private long refused;
    private long orderViolations;

    CallbackReceiver(ObjectMapper json, @Value("${simulator.callbacks.failure-rate:0}") double failureRate) {
        this.json = json;
        this.failureRate = failureRate;
    }

    @PutMapping("/admin/callbacks/{tenant}/secrets")
    ResponseEntity<Void> secrets(@PathVariable String tenant, @RequestBody Secrets given) {
        secrets.put(tenant, List.copyOf(given.secrets()));
        return ResponseEntity.noContent().build();
    }

    @PostMapping("/callbacks/{tenant}")
    synchronized ResponseEntity<Void> receive(@PathVariable String tenant,
            @RequestHeader(name = "webhook-id", required = false) String id,
            @RequestHeader(name = "webhook-timestamp", required = false) String timestamp,
            @RequestHeader(name = "webhook-signature", required = false) String signature,
            @RequestBody(required = false) byte[] body) {
        attempts++;
        String payload = body == null ? "" : new String(body, StandardCharsets.UTF_8);
        if (!verified(tenant, id, timestamp, signature, payload)) {
            badSignatures++;
            log.warn("callback for {}: bad or missing signature (webhook-id {})", tenant, id);
            return ResponseEntity.status(HttpStatus.UNAUTHORIZED).build();
        }
        if (ThreadLocalRandom.current().nextDouble() < failureRate) {
            refused++;
            return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).build();
        }
        if (!accepted.add(id)) {
            duplicates++;
            return ResponseEntity.noContent().build();
        }
        try {
            JsonNode data = json.readTree(payload).path("data");
            String journey = data.path("journeyId").asText();
            long sequence = data.path("sequence").asLong();
            Long before = lastSequence.get(journey);
            if (before != null && sequence < before) {
                orderViolations++;
                log.warn("callback for {}: journey {} sequence {} after {}", tenant, journey, sequence, before);
            }
            lastSequence.merge(journey, sequence, Math::max);
            receivedEvents.add(data.path("eventId").asText());
        } catch (java.io.IOException e) {
            badSignatures++;
        }
        return ResponseEntity.noContent().build();
    }

    @GetMapping("/callbacks/summary")
    synchronized Summary summary() {
        return new Summary(attempts, accepted.size(), duplicates, badSignatures, refused, orderViolations,
                lastSequence.size(), failureRate);
    }

    /** The backbone event ids whose deliveries were accepted, one a line, sorted. */
    @GetMapping(value = "/callbacks/received", produces = "text/plain")
    synchronized String received() {
        return String.join("\n", new TreeSet<>(receivedEvents)) + "\n";
    }

    private boolean verified(String tenant, String id, String timestamp, String header, String payload) {
        List<String> keys = secrets.getOrDefault(tenant, List.of());
        if (id == null || timestamp == null || header == null || keys.isEmpty() || !timestamp.matches("\\d{1,12}")
                || Math.abs(Instant.now().getEpochSecond() - Long.parseLong(timestamp)) > TOLERANCE_SECONDS) {
            return false;
        }
        List<byte[]> offered = new ArrayList<>();
        for (String part : header.trim().split(" ")) {
            if (part.startsWith("v1,")) {
                offered.add(part.substring(3).getBytes(StandardCharsets.US_ASCII));
            }
        }
        for (String key : keys) {
            byte[] expected = hmac(key, id + "." + timestamp + "." + payload);
            for (byte[] candidate : offered) {
                if (MessageDigest.isEqual(expected, candidate)) {
                    return true;
                }
            }
        }
        return false;
    }

    private static byte[] hmac(String secret, String content) {
        try {
            byte[] key = Base64.getDecoder().decode(secret.startsWith("whsec_") ? secret.substring(6) : secret);
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encode(mac.doFinal(content.getBytes(StandardCharsets.UTF_8)));
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            return new byte[0];
        }
    }
}
