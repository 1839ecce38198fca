package dev.carepath.engine.security;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * What the engine REST API's authentication found for a caller, kept for a short while: that a user's password was
 * right, and the user's groups and tenants. Without it, every request to {@code /engine-rest} ran three engine
 * commands before its own (check the password, list the groups, list the tenants), each a transaction and a commit of
 * its own; the job-workers make one such request for every external task they complete and one for every fetch.
 * <ul>
 *   <li>Only a right password is kept, never a wrong one: a wrong password is checked by the engine every time, so
 *       its lockout after failed attempts still counts each.</li>
 *   <li>The password itself is not kept: the key is an HMAC of user and password under a key drawn at random when
 *       the engine starts and never leaves its memory.</li>
 *   <li>A tenant the engine provisions ({@link EngineTenants}) is seen by its members' next request: the memberships
 *       kept are dropped when its transaction commits. A password changed, a user removed or a membership changed
 *       elsewhere (the Admin webapp) takes effect within the time to live (default 30 s,
 *       {@code carepath.engine.rest-credentials-ttl}; 0 keeps nothing and checks every request).</li>
 * </ul>
 */
final class VerifiedCredentials {

    /** Service accounts and staff are a handful; a bound that an attacker's many right passwords cannot pass. */
    private static final int MAX_ENTRIES = 1_000;

    /** A user's groups and tenants, as the engine's authentication sets them. */
    record Memberships(List<String> groups, List<String> tenants) {
    }

    private final boolean enabled;
    private final Cache<String, Boolean> verified;
    private final Cache<String, Memberships> memberships;
    private final SecretKeySpec key;

    VerifiedCredentials(Duration ttl) {
        this(ttl, Ticker.systemTicker());
    }

    VerifiedCredentials(Duration ttl, Ticker ticker) {
        this.enabled = !ttl.isZero() && !ttl.isNegative();
        Duration kept = enabled ? ttl : Duration.ofNanos(1);
        this.verified = Caffeine.newBuilder().expireAfterWrite(kept).maximumSize(MAX_ENTRIES).ticker(ticker).build();
        this.memberships = Caffeine.newBuilder().expireAfterWrite(kept).maximumSize(MAX_ENTRIES).ticker(ticker).build();
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        this.key = new SecretKeySpec(secret, "HmacSHA256");
    }

    /** Whether the password is right: from an earlier check within the time to live, or from {@code check}. */
    boolean isRight(String user, String password, BooleanSupplier check) {
        if (!enabled) {
            return check.getAsBoolean();
        }
        String entry = entry(user, password);
        if (verified.getIfPresent(entry) != null) {
            return true;
        }
        boolean right = check.getAsBoolean();
        if (right) {
            verified.put(entry, Boolean.TRUE);
        }
        return right;
    }

    /** The user's groups and tenants: from within the time to live, or from {@code lookup}. */
    Memberships of(String user, Supplier<Memberships> lookup) {
        return enabled ? memberships.get(user, ignored -> lookup.get()) : lookup.get();
    }

    /**
     * Drops every user's groups and tenants kept, now and, in a transaction, again once it commits: a request between
     * the two would otherwise keep what it read before the commit for the whole time to live.
     */
    void membershipsChanged() {
        memberships.invalidateAll();
        if (TransactionSynchronizationManager.isSynchronizationActive()) {
            TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
                @Override
                public void afterCommit() {
                    memberships.invalidateAll();
                }
            });
        }
    }

    private String entry(String user, String password) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            byte[] digest = mac.doFinal((user + '\0' + password).getBytes(StandardCharsets.UTF_8));
            return user + '\0' + Base64.getEncoder().encodeToString(digest);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every Java runtime", e);
        }
    }
}
