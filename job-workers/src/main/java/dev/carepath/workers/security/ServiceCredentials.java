package dev.carepath.workers.security;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code carepath.clinical.*}: the service credentials (HTTP Basic) callers of the internal clinical endpoints
 * present, one per role, so each caller holds only what it needs:
 * <ul>
 *   <li>{@code intake} ({@code CAREPATH_CLINICAL_INTAKE_USER} / {@code CAREPATH_CLINICAL_INTAKE_PASSWORD}) may put
 *       an order's intake and read nothing;</li>
 *   <li>{@code reader} ({@code CAREPATH_CLINICAL_READER_USER} / {@code CAREPATH_CLINICAL_READER_PASSWORD}) may
 *       read an order's prescription (an audited read) and write nothing.</li>
 * </ul>
 *
 * @param intake the clinical-intake credential
 * @param reader the clinical-reader credential
 */
@ConfigurationProperties("carepath.clinical")
record ServiceCredentials(Credential intake, Credential reader) {

    /**
     * @param user     the service account's name
     * @param password its password
     */
    record Credential(String user, String password) {

        boolean isSet() {
            return user != null && !user.isBlank() && password != null && !password.isBlank();
        }
    }

    ServiceCredentials {
        if (intake == null || !intake.isSet() || reader == null || !reader.isSet()) {
            throw new IllegalStateException("carepath.clinical.intake.user/.password and"
                    + " carepath.clinical.reader.user/.password must be set");
        }
        if (intake.user().equals(reader.user())) {
            throw new IllegalStateException("carepath.clinical.intake.user and carepath.clinical.reader.user must"
                    + " differ: each names one role");
        }
    }
}
