package dev.carepath.workers.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code carepath.clinical.intake.*}: the service credential a caller of the internal clinical intake
 * presents (HTTP Basic), from {@code CAREPATH_CLINICAL_INTAKE_USER} / {@code CAREPATH_CLINICAL_INTAKE_PASSWORD}.
 *
 * @param user     the service account's name
 * @param password its password
 */
@ConfigurationProperties("carepath.clinical.intake")
record IntakeCredential(String user, String password) {

    IntakeCredential {
        if (user == null || user.isBlank() || password == null || password.isBlank()) {
            throw new IllegalStateException("carepath.clinical.intake.user and .password must be set");
        }
    }
}
