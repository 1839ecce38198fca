package dev.carepath.portal.callbacks;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Service;

/**
 * The tenants' webhook signing secrets. A secret is shown once, in the answer to the rotation that made it, never
 * logged, and stored sealed ({@link SecretSealing}) in a tenant-scoped table (row-level security). A rotation
 * retires the secrets in force at the end of an overlap window, during which deliveries carry a signature of each.
 * Call inside the tenant's transaction.
 */
@Service
class SigningSecrets {

    /** The outcome of a rotation: the new secret (shown this once) and when the earlier ones stop signing. */
    record Rotation(String tenantId, String secret, OffsetDateTime createdAt, OffsetDateTime previousRetireAt,
            int previousSecrets) {
    }

    private final JdbcTemplate jdbc;
    private final SecretSealing sealing;

    SigningSecrets(JdbcTemplate jdbc, SecretSealing sealing) {
        this.jdbc = jdbc;
        this.sealing = sealing;
    }

    /**
     * The secrets that sign now, newest first. A tenant without one gets one here (never shown: staff rotate to
     * learn a secret they can hand to the tenant).
     */
    List<String> active(String tenantId) {
        List<String> secrets = jdbc.query("SELECT secret_id, sealed_secret FROM callbacks.signing_secret"
                        + " WHERE tenant_id = ? AND (retires_at IS NULL OR retires_at > now()) ORDER BY created_at DESC",
                (rs, i) -> sealing.open(tenantId, rs.getString(1), rs.getBytes(2)), tenantId);
        if (!secrets.isEmpty()) {
            return secrets;
        }
        String secret = StandardWebhooks.newSecret();
        insert(tenantId, secret);
        return List.of(secret);
    }

    /** Makes a new secret; those in force keep signing for {@code overlap}, then retire. */
    Rotation rotate(String tenantId, Duration overlap) {
        // Serialize rotations of one tenant: two at once would each retire only the other's predecessor.
        jdbc.queryForObject("SELECT pg_advisory_xact_lock(hashtext('callbacks.signing_secret:' || ?))",
                Object.class, tenantId);
        OffsetDateTime retireAt = OffsetDateTime.ofInstant(Instant.now().plus(overlap), ZoneOffset.UTC);
        int previous = jdbc.update("UPDATE callbacks.signing_secret SET retires_at = ? WHERE tenant_id = ?"
                + " AND (retires_at IS NULL OR retires_at > ?)", retireAt, tenantId, retireAt);
        String secret = StandardWebhooks.newSecret();
        OffsetDateTime createdAt = insert(tenantId, secret);
        return new Rotation(tenantId, secret, createdAt, previous == 0 ? null : retireAt, previous);
    }

    private OffsetDateTime insert(String tenantId, String secret) {
        UUID secretId = UUID.randomUUID();
        return jdbc.queryForObject("INSERT INTO callbacks.signing_secret (secret_id, tenant_id, sealed_secret)"
                + " VALUES (?, ?, ?) RETURNING created_at", OffsetDateTime.class, secretId, tenantId,
                sealing.seal(tenantId, secretId.toString(), secret));
    }
}
