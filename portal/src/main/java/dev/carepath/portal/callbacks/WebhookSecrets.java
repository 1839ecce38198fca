package dev.carepath.portal.callbacks;

import dev.carepath.portal.tenants.Tenants;
import dev.carepath.tenancy.TenantTransactions;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.Optional;
import org.springframework.stereotype.Service;

/**
 * Rotating a tenant's webhook signing secret, for staff (the admin API and the console): a new secret, shown once;
 * the earlier ones keep signing until the overlap ends.
 */
@Service
public class WebhookSecrets {

    /** The new secret (shown this once) and when the earlier ones stop signing. */
    public record Rotated(String tenantId, String secret, OffsetDateTime createdAt, OffsetDateTime previousRetireAt,
            int previousSecrets) {

        @Override
        public String toString() {
            return "Rotated[tenantId=" + tenantId + ", createdAt=" + createdAt + ", <secret redacted>]";
        }
    }

    private final SigningSecrets secrets;
    private final Tenants tenants;
    private final TenantTransactions transactions;
    private final CallbackProperties properties;

    WebhookSecrets(SigningSecrets secrets, Tenants tenants, TenantTransactions transactions,
            CallbackProperties properties) {
        this.secrets = secrets;
        this.tenants = tenants;
        this.transactions = transactions;
        this.properties = properties;
    }

    /** The configured overlap ({@code carepath.callbacks.rotation-overlap}). */
    public Duration defaultOverlap() {
        return properties.rotationOverlap();
    }

    /** Rotates the tenant's secret; empty when there is no such tenant. */
    public Optional<Rotated> rotate(String tenantId, Duration overlap) {
        return transactions.call(tenantId, () -> {
            if (tenants.callbackUrl(tenantId).isEmpty()) {
                return Optional.empty();
            }
            SigningSecrets.Rotation rotation = secrets.rotate(tenantId, overlap);
            return Optional.of(new Rotated(rotation.tenantId(), rotation.secret(), rotation.createdAt(),
                    rotation.previousRetireAt(), rotation.previousSecrets()));
        });
    }
}
