package dev.carepath.portal.callbacks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.crypto.tink.InsecureSecretKeyAccess;
import com.google.crypto.tink.KeysetHandle;
import com.google.crypto.tink.TinkJsonProtoKeysetFormat;
import com.google.crypto.tink.aead.AeadConfig;
import com.google.crypto.tink.aead.PredefinedAeadParameters;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.junit.jupiter.api.Test;

class SecretSealingTest {

    private static String newKeyset() throws Exception {
        AeadConfig.register();
        String json = TinkJsonProtoKeysetFormat.serializeKeyset(
                KeysetHandle.generateNew(PredefinedAeadParameters.AES256_GCM), InsecureSecretKeyAccess.get());
        return Base64.getEncoder().encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void aSealedSecretOpensForItsTenantAndRowOnly() throws Exception {
        SecretSealing sealing = new SecretSealing(newKeyset());
        String secret = StandardWebhooks.newSecret();

        byte[] sealed = sealing.seal("acme", "row-1", secret);

        assertThat(new String(sealed, StandardCharsets.ISO_8859_1)).doesNotContain(secret.substring(6));
        assertThat(sealing.open("acme", "row-1", sealed)).isEqualTo(secret);
        assertThatThrownBy(() -> sealing.open("other", "row-1", sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> sealing.open("acme", "row-2", sealed)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new SecretSealing(newKeyset()).open("acme", "row-1", sealed))
                .isInstanceOf(IllegalStateException.class);
    }

    @Test
    void aMalformedKeysetStopsTheStartWithoutQuotingIt() {
        assertThatThrownBy(() -> new SecretSealing("bm90LWEta2V5c2V0"))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageNotContaining("bm90LWEta2V5c2V0")
                .hasMessageContaining("secrets-keyset");
    }
}
