package dev.carepath.portal.callbacks;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class StandardWebhooksTest {

    /** The example of the Standard Webhooks specification (and of the reference libraries' tests). */
    private static final String SPEC_SECRET = "whsec_MfKQ9r8GKYqrTwjUPD8ILPZIo2LaLaSw";
    private static final String SPEC_ID = "msg_p5jXN8AQM9LWM0D4loKWxJek";
    private static final long SPEC_TIMESTAMP = 1614265330L;
    private static final String SPEC_BODY = "{\"test\": 2432232314}";
    private static final String SPEC_SIGNATURE = "g0hM9SsE+OTPJTGt/tmIKtSyZlE3uFJELVlNIOLJ1OE=";

    @Test
    void signsTheSpecificationsExampleAsItSays() {
        assertThat(StandardWebhooks.sign(SPEC_SECRET, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).isEqualTo(SPEC_SIGNATURE);
        assertThat(StandardWebhooks.signatureHeader(List.of(SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
                .isEqualTo("v1," + SPEC_SIGNATURE);
    }

    @Test
    void duringARotationTheHeaderCarriesOneSignaturePerSecretAndEitherSecretVerifies() {
        String next = StandardWebhooks.newSecret();
        String header = StandardWebhooks.signatureHeader(List.of(next, SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);

        assertThat(header.split(" ")).hasSize(2).allMatch(part -> part.startsWith("v1,"));
        assertThat(StandardWebhooks.verifies(SPEC_SECRET, header, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).isTrue();
        assertThat(StandardWebhooks.verifies(next, header, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY)).isTrue();
        assertThat(StandardWebhooks.verifies(StandardWebhooks.newSecret(), header, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY))
                .isFalse();
    }

    @Test
    void aChangedBodyIdOrTimestampDoesNotVerify() {
        String header = StandardWebhooks.signatureHeader(List.of(SPEC_SECRET), SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY);

        assertThat(StandardWebhooks.verifies(SPEC_SECRET, header, SPEC_ID, SPEC_TIMESTAMP, SPEC_BODY + " ")).isFalse();
        assertThat(StandardWebhooks.verifies(SPEC_SECRET, header, "msg_other", SPEC_TIMESTAMP, SPEC_BODY)).isFalse();
        assertThat(StandardWebhooks.verifies(SPEC_SECRET, header, SPEC_ID, SPEC_TIMESTAMP + 1, SPEC_BODY)).isFalse();
    }

    @Test
    void newSecretsAreWhsecPrefixedThirtyTwoRandomBytes() {
        String secret = StandardWebhooks.newSecret();

        assertThat(secret).startsWith("whsec_");
        assertThat(java.util.Base64.getDecoder().decode(secret.substring(6))).hasSize(32);
        assertThat(StandardWebhooks.newSecret()).isNotEqualTo(secret);
    }
}
