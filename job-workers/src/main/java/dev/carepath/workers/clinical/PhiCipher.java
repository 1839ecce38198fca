package dev.carepath.workers.clinical;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.stereotype.Component;

/**
 * Field encryption of PHI in the clinical schema: envelope encryption with Google Tink. Each tenant has
 * its own AEAD keyset (AES-256-GCM), stored in {@code clinical.tenant_data_key} encrypted by the master
 * AEAD from configuration ({@code carepath.phi.master-keyset}: a base64 Tink JSON keyset, from
 * {@code CAREPATH_PHI_MASTER_KEYSET}; in production a KMS key would take its place). Every ciphertext
 * starts with Tink's 5-byte prefix naming the id of the key that sealed it ({@link #keyIdOf}), so after
 * {@link #rotate} new values use the new primary key and old values still open with theirs.
 *
 * <p>Use it inside the tenant's transaction ({@code TenantTransactions}): the keyset row is held to the
 * tenant by row-level security. Bind each value to where it lives with {@code associatedData} (e.g.
 * {@code "clinical.prescription/" + rxId}), so a ciphertext copied to another row or tenant fails to open.
 * Apply it to a new PHI column by storing {@code seal(...)} in a {@code bytea} column and reading it
 * back with {@code open(...)}, and publish the read with {@link PhiAccessLog}.
 */
@Component
class PhiCipher {

    private final JdbcTemplate jdbc;
    private final Aead master;

    PhiCipher(JdbcTemplate jdbc, @Value("${carepath.phi.master-keyset}") String masterKeyset) {
        this.jdbc = jdbc;
        try {
            AeadConfig.register();
            KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(
                    new String(Base64.getDecoder().decode(masterKeyset), StandardCharsets.UTF_8),
                    InsecureSecretKeyAccess.get());
            this.master = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            throw new IllegalStateException("carepath.phi.master-keyset is not a base64 Tink AEAD keyset", e);
        }
    }

    /** Encrypts {@code plaintext} with the tenant's primary key (creating the tenant's keyset on first use). */
    byte[] seal(String tenantId, byte[] plaintext, byte[] associatedData) {
        try {
            return aead(keyset(tenantId)).encrypt(plaintext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a PHI value", e);
        }
    }

    byte[] seal(String tenantId, String plaintext, String associatedData) {
        return seal(tenantId, plaintext.getBytes(StandardCharsets.UTF_8), associatedData.getBytes(StandardCharsets.UTF_8));
    }

    /** Decrypts a value sealed for the tenant with any of its keys, old or primary. */
    byte[] open(String tenantId, byte[] ciphertext, byte[] associatedData) {
        try {
            return aead(keyset(tenantId)).decrypt(ciphertext, associatedData);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open a PHI value (wrong tenant, row or key)", e);
        }
    }

    String open(String tenantId, byte[] ciphertext, String associatedData) {
        return new String(open(tenantId, ciphertext, associatedData.getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8);
    }

    /**
     * Adds a new AES-256-GCM key to the tenant's keyset and makes it primary. Values sealed before keep
     * opening with their own key; values sealed after use the new one. No downtime, no re-encryption.
     *
     * @return the new primary key's id
     */
    int rotate(String tenantId) {
        try {
            KeysetHandle rotated = KeysetHandle.newBuilder(keyset(tenantId))
                    .addEntry(KeysetHandle.generateEntryFromParameters(PredefinedAeadParameters.AES256_GCM)
                            .withRandomId().makePrimary())
                    .build();
            jdbc.update("UPDATE clinical.tenant_data_key SET keyset = ?, rotated_at = now() WHERE tenant_id = ?",
                    wrap(tenantId, rotated), tenantId);
            return rotated.getPrimary().getId();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot rotate the tenant's data key", e);
        }
    }

    /** The id of the tenant's current primary key. */
    int primaryKeyId(String tenantId) {
        return keyset(tenantId).getPrimary().getId();
    }

    /** The id of the key that sealed {@code ciphertext}: Tink's prefix, byte 0 = 1, bytes 1-4 = key id. */
    static int keyIdOf(byte[] ciphertext) {
        if (ciphertext.length < 5 || ciphertext[0] != 1) {
            throw new IllegalArgumentException("not a Tink-prefixed ciphertext");
        }
        return ByteBuffer.wrap(ciphertext, 1, 4).getInt();
    }

    private KeysetHandle keyset(String tenantId) {
        try {
            String stored = jdbc.queryForList("SELECT keyset FROM clinical.tenant_data_key WHERE tenant_id = ?",
                    String.class, tenantId).stream().findFirst().orElse(null);
            if (stored == null) {
                KeysetHandle created = KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM);
                jdbc.update("INSERT INTO clinical.tenant_data_key (tenant_id, keyset) VALUES (?, ?)"
                        + " ON CONFLICT (tenant_id) DO NOTHING", tenantId, wrap(tenantId, created));
                stored = jdbc.queryForObject("SELECT keyset FROM clinical.tenant_data_key WHERE tenant_id = ?",
                        String.class, tenantId);
            }
            return TinkJsonProtoKeysetFormat.parseEncryptedKeyset(stored, master, tenantAd(tenantId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open the tenant's data keyset", e);
        }
    }

    private String wrap(String tenantId, KeysetHandle keyset) throws GeneralSecurityException {
        return TinkJsonProtoKeysetFormat.serializeEncryptedKeyset(keyset, master, tenantAd(tenantId));
    }

    private static Aead aead(KeysetHandle keyset) throws GeneralSecurityException {
        return keyset.getPrimitive(RegistryConfiguration.get(), Aead.class);
    }

    private static byte[] tenantAd(String tenantId) {
        return ("clinical.tenant_data_key/" + tenantId).getBytes(StandardCharsets.UTF_8);
    }
}
