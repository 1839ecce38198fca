package dev.carepath.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

class RedactedTest {

    @Test
    void keepsTheChainAndStackButNoMessage() {
        var cause = new IllegalStateException("Failing row contains (pat-00042, tok_visa_4242)");
        var failure = new RuntimeException("insert failed for pat-00042", cause);

        Throwable redacted = Redacted.of(failure);

        StringWriter printed = new StringWriter();
        redacted.printStackTrace(new PrintWriter(printed));
        assertThat(printed.toString())
                .contains(RuntimeException.class.getName(), IllegalStateException.class.getName(), "RedactedTest")
                .doesNotContain("pat-00042").doesNotContain("tok_visa_4242");
        assertThat(redacted.getStackTrace()).isEqualTo(failure.getStackTrace());
        assertThat(redacted.getCause().getStackTrace()).isEqualTo(cause.getStackTrace());
    }
}
