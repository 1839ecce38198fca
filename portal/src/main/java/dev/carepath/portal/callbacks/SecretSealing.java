package dev.carepath.portal.callbacks;

import com.google.crypto.tink.Aead;
import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.RegistryConfiguration;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.util.Base64;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.stereotype.Component;

/**
 * Encrypts the tenants' webhook signing secrets at rest with Google Tink (AES-256-GCM), under the keyset of
 * {@code carepath.callbacks.secrets-keyset} (a base64 Tink JSON keyset, from {@code CAREPATH_CALLBACK_SECRETS_KEYSET};
 * the local default is published and for developer machines only). Each ciphertext is bound to its tenant and row
 * (associated data), so a sealed secret copied to another tenant's row does not open. A keyset with several keys
 * opens what any of them sealed, so the key rotates by adding a new primary key.
 */
@Component
class SecretSealing {

    private final Aead aead;

    SecretSealing(@Value("${carepath.callbacks.secrets-keyset}") String keyset) {
        try {
            AeadConfig.register();
            KeysetHandle handle = TinkJsonProtoKeysetFormat.parseKeyset(
                    new String(Base64.getDecoder().decode(keyset.trim()), StandardCharsets.UTF_8),
                    InsecureSecretKeyAccess.get());
            this.aead = handle.getPrimitive(RegistryConfiguration.get(), Aead.class);
        } catch (GeneralSecurityException | IllegalArgumentException e) {
            // Never quote the keyset.
            throw new IllegalStateException("carepath.callbacks.secrets-keyset is not a base64 Tink AEAD keyset");
        }
    }

    byte[] seal(String tenantId, String secretId, String secret) {
        try {
            return aead.encrypt(secret.getBytes(StandardCharsets.UTF_8), boundTo(tenantId, secretId));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot seal a webhook signing secret", e);
        }
    }

    String open(String tenantId, String secretId, byte[] sealed) {
        try {
            return new String(aead.decrypt(sealed, boundTo(tenantId, secretId)), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot open a webhook signing secret (wrong tenant, row or key)", e);
        }
    }

    private static byte[] boundTo(String tenantId, String secretId) {
        return ("callbacks.signing_secret/" + tenantId + "/" + secretId).getBytes(StandardCharsets.UTF_8);
    }
}
