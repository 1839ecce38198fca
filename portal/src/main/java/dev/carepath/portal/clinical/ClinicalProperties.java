package dev.carepath.portal.clinical;

import java.net.URI;
import java.time.Duration;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code carepath.clinical.*}: how the portal reaches the clinical store (job-workers' internal clinical API).
 *
 * @param url            base URL of job-workers ({@code CAREPATH_CLINICAL_URL})
 * @param connectTimeout how long to wait for a connection
 * @param readTimeout    how long to wait for an answer
 * @param intake         the clinical-intake credential: puts intakes, reads nothing
 * @param reader         the clinical-reader credential: reads prescriptions, writes nothing
 */
@ConfigurationProperties("carepath.clinical")
record ClinicalProperties(URI url, @DefaultValue("2s") Duration connectTimeout, @DefaultValue("10s") Duration readTimeout,
        Credential intake, Credential reader) {

    /**
     * A service credential (HTTP Basic), from the environment outside a developer machine.
     *
     * @param user     the service account
     * @param password its password
     */
    record Credential(String user, String password) {
    }

    ClinicalProperties {
        if (url == null || intake == null || reader == null) {
            throw new IllegalStateException("carepath.clinical.url, .intake and .reader must be set");
        }
    }
}
