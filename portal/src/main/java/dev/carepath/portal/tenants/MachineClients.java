package dev.carepath.portal.tenants;

import dev.carepath.portal.web.Problems;
import dev.carepath.tenancy.TenantTransactions;
import java.security.SecureRandom;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.springframework.http.HttpStatus;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Service;

/**
 * The machine clients of tenants: each agent is one OAuth2 client-credentials client of one tenant,
 * created and revoked one by one. The secret is stored hashed and shown once, at creation.
 */
@Service
public class MachineClients {

    /** Scopes a tenant's client may hold; {@code admin} belongs to platform staff only. */
    public static final Set<String> TENANT_SCOPES = Set.of("journeys:write", "journeys:read", "phi:read");

    /** The cross-tenant purpose of the token endpoint's lookup (policy in db/tenants/V7_2). */
    static final String CLIENT_AUTHENTICATION = "client-authentication";

    private static final SecureRandom RANDOM = new SecureRandom();

    /** A client as the token endpoint needs it. */
    public record Client(String clientId, String tenantId, String secretHash, List<String> scopes, boolean revoked) {
    }

    /** A client just created: the only time its secret is known. */
    public record Created(String clientId, String clientSecret, String tenantId, List<String> scopes) {
    }

    private final TenantTransactions transactions;
    private final JdbcTemplate jdbc;
    private final Tenants tenants;
    private final PasswordEncoder encoder;

    MachineClients(TenantTransactions transactions, JdbcTemplate jdbc, Tenants tenants, PasswordEncoder encoder) {
        this.transactions = transactions;
        this.jdbc = jdbc;
        this.tenants = tenants;
        this.encoder = encoder;
    }

    /** The client with this id, of any tenant (the token endpoint's lookup), or empty. */
    public Optional<Client> find(String clientId) {
        return transactions.acrossTenants(CLIENT_AUTHENTICATION, () -> jdbc.query(
                "SELECT client_id, tenant_id, secret_hash, scopes, revoked_at IS NOT NULL FROM tenants.machine_client"
                        + " WHERE client_id = ?",
                (rs, i) -> new Client(rs.getString(1), rs.getString(2), rs.getString(3),
                        Arrays.asList((String[]) rs.getArray(4).getArray()), rs.getBoolean(5)),
                clientId).stream().findFirst());
    }

    /** Whether {@code clientId} is a client of {@code tenantId} and not revoked: checked on every API request. */
    public boolean isActive(String tenantId, String clientId) {
        return Boolean.TRUE.equals(transactions.call(tenantId, () -> jdbc.queryForObject(
                "SELECT EXISTS (SELECT 1 FROM tenants.machine_client WHERE client_id = ? AND tenant_id = ?"
                        + " AND revoked_at IS NULL)", Boolean.class, clientId, tenantId)));
    }

    /**
     * @throws org.springframework.web.ErrorResponseException 404 for an unknown tenant
     */
    public Created create(String tenantId, String name, List<String> scopes) {
        return transactions.call(tenantId, () -> {
            if (!tenants.exists(tenantId)) {
                throw Problems.notFound("There is no tenant with this id.");
            }
            String clientId = "agent-" + HexFormat.of().formatHex(random(8));
            String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
            List<String> granted = scopes.stream().distinct().sorted().toList();
            jdbc.update("INSERT INTO tenants.machine_client (client_id, tenant_id, name, secret_hash, scopes)"
                            + " VALUES (?, ?, ?, ?, ?::text[])",
                    clientId, tenantId, name, encoder.encode(secret), "{" + String.join(",", granted) + "}");
            return new Created(clientId, secret, tenantId, granted);
        });
    }

    /**
     * Revokes the client: its next request is refused, whatever tokens it holds.
     *
     * @return false when the tenant has no such client
     */
    public boolean revoke(String tenantId, String clientId) {
        return Boolean.TRUE.equals(transactions.call(tenantId, () -> {
            int changed = jdbc.update("UPDATE tenants.machine_client SET revoked_at = coalesce(revoked_at, now())"
                    + " WHERE client_id = ? AND tenant_id = ?", clientId, tenantId);
            return changed == 1;
        }));
    }

    public static void checkScopes(List<String> scopes) {
        if (scopes == null || scopes.isEmpty() || !TENANT_SCOPES.containsAll(scopes)) {
            throw Problems.validation("scopes", "must be one or more of: journeys:write, journeys:read, phi:read");
        }
    }

    /**
     * Gives an active client a new secret (shown this once); the old one no longer gets a token. Tokens issued before
     * live out their short lifetime ({@code carepath.security.token-ttl}); to cut them off at once, revoke instead.
     *
     * @return empty when the tenant has no such active client
     */
    public Optional<Created> rotate(String tenantId, String clientId) {
        String secret = Base64.getUrlEncoder().withoutPadding().encodeToString(random(32));
        return transactions.call(tenantId, () -> jdbc.query("UPDATE tenants.machine_client SET secret_hash = ?"
                        + " WHERE client_id = ? AND tenant_id = ? AND revoked_at IS NULL RETURNING scopes",
                (rs, i) -> new Created(clientId, secret, tenantId, Arrays.asList((String[]) rs.getArray(1).getArray())),
                encoder.encode(secret), clientId, tenantId).stream().findFirst());
    }

    /** A tenant's client as staff see it (never its secret or hash). */
    public record ClientSummary(String clientId, String name, List<String> scopes, OffsetDateTime createdAt,
            OffsetDateTime revokedAt) {
    }

    /** The tenant's clients, the revoked ones included, newest first. */
    public List<ClientSummary> of(String tenantId) {
        return transactions.call(tenantId, () -> jdbc.query("SELECT client_id, name, scopes, created_at, revoked_at"
                        + " FROM tenants.machine_client WHERE tenant_id = ? ORDER BY created_at DESC, client_id",
                (rs, i) -> new ClientSummary(rs.getString(1), rs.getString(2),
                        Arrays.asList((String[]) rs.getArray(3).getArray()),
                        rs.getObject(4, OffsetDateTime.class), rs.getObject(5, OffsetDateTime.class)),
                tenantId));
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        RANDOM.nextBytes(value);
        return value;
    }

    /** Not found, as a problem: used by the admin API. */
    static org.springframework.web.ErrorResponseException unknownClient() {
        return Problems.exception(HttpStatus.NOT_FOUND, Problems.NOT_FOUND, "Not found",
                "This tenant has no client with this id.");
    }
}
