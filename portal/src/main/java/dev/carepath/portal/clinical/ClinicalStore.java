package dev.carepath.portal.clinical;

import java.net.http.HttpClient;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.ParameterizedTypeReference;
import org.springframework.http.HttpStatus;
import org.springframework.http.HttpStatusCode;
import org.springframework.http.MediaType;
import org.springframework.http.client.JdkClientHttpRequestFactory;
import org.springframework.stereotype.Component;
import org.springframework.web.client.RestClient;
import org.springframework.web.client.RestClientException;
import org.springframework.web.client.RestClientResponseException;

/**
 * The clinical store's internal HTTP API (job-workers), as far as the agent API needs it: put an order's intake
 * with the clinical-intake credential, read its latest prescription with the clinical-reader credential, each
 * call bounded by the configured connect and read timeouts. Nothing here logs or keeps a value: an intake or a
 * prescription passes through, and failures are reported by status or exception class only (the messages of
 * HTTP client exceptions may quote a body).
 */
@Component
class ClinicalStore {

    private static final Logger log = LoggerFactory.getLogger(ClinicalStore.class);

    /** What became of an intake the agent gave. */
    enum IntakeOutcome {
        /** stored, or replaced the earlier one */
        STORED,
        /** refused: eligibility was already evaluated on the intake on file, which stays */
        CLOSED
    }

    /** An order's latest prescription as the clinical store answers it. PHI: {@link #toString()} names no value. */
    record Prescription(String rxId, int cycle, String medication, String doseMg, int quantity, String directions,
            String prescriberNpi, Instant recordedAt) {

        @Override
        public String toString() {
            return "Prescription[rxId=" + rxId + ", cycle=" + cycle + ", <PHI redacted>]";
        }
    }

    /** The clinical store could not be reached, timed out, failed, or refused the portal's credential. */
    static class UnavailableException extends Intakes.ClinicalUnavailableException {
        UnavailableException(String reason) {
            super(reason);
        }
    }

    private final RestClient intakes;
    private final RestClient prescriptions;

    ClinicalStore(ClinicalProperties properties, RestClient.Builder builder) {
        this.intakes = client(properties, properties.intake(), builder);
        this.prescriptions = client(properties, properties.reader(), builder);
    }

    /**
     * Puts the order's intake.
     *
     * @throws UnavailableException when the clinical store cannot take it now (the agent may retry the PUT)
     */
    IntakeOutcome putIntake(String tenantId, UUID journeyId, IntakeAnswers answers) {
        try {
            intakes.put().uri("/internal/clinical/intakes/{tenantId}/{orderId}", tenantId, journeyId)
                    .contentType(MediaType.APPLICATION_JSON)
                    .body(answers)
                    .retrieve()
                    .toBodilessEntity();
            return IntakeOutcome.STORED;
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.CONFLICT)) {
                return IntakeOutcome.CLOSED;
            }
            throw refused("intake", e.getStatusCode());
        } catch (RestClientException e) {
            throw unreachable(e);
        }
    }

    /**
     * The order's latest prescription, opened for {@code purpose} on behalf of {@code accessor} (the clinical store
     * records the read); empty when the order has none yet.
     *
     * @throws UnavailableException when the clinical store cannot answer now
     */
    Optional<Prescription> latestPrescription(String tenantId, UUID journeyId, String accessor, Purpose purpose) {
        try {
            return Optional.ofNullable(prescriptions.get()
                    .uri("/internal/clinical/prescriptions/{tenantId}/{orderId}/latest?accessor={accessor}"
                            + "&purpose={purpose}", tenantId, journeyId, accessor, purpose.code())
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .body(Prescription.class));
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                return Optional.empty();
            }
            throw refused("prescription read", e.getStatusCode());
        } catch (RestClientException e) {
            throw unreachable(e);
        }
    }

    /**
     * The order's intake answers (field name to value), opened for {@code purpose} on behalf of {@code accessor} (the
     * clinical store records the read); empty when the order has none.
     *
     * @throws UnavailableException when the clinical store cannot answer now
     */
    Optional<Map<String, Object>> intake(String tenantId, UUID journeyId, String accessor, Purpose purpose) {
        try {
            return Optional.ofNullable(prescriptions.get()
                    .uri("/internal/clinical/intakes/{tenantId}/{orderId}?accessor={accessor}&purpose={purpose}",
                            tenantId, journeyId, accessor, purpose.code())
                    .accept(MediaType.APPLICATION_JSON)
                    .retrieve()
                    .body(new ParameterizedTypeReference<LinkedHashMap<String, Object>>() { }));
        } catch (RestClientResponseException e) {
            if (e.getStatusCode().isSameCodeAs(HttpStatus.NOT_FOUND)) {
                return Optional.empty();
            }
            throw refused("intake read", e.getStatusCode());
        } catch (RestClientException e) {
            throw unreachable(e);
        }
    }

    /**
     * A 5xx: the clinical store failed. A 401 or 403: it refused the portal's credential, a misconfiguration the
     * agent cannot fix. Any other status means the two disagree on the request's form: a defect, not an outage.
     */
    private static RuntimeException refused(String call, HttpStatusCode status) {
        if (status.is5xxServerError()) {
            log.warn("clinical store failed the {} with {}", call, status.value());
            return new UnavailableException(String.valueOf(status.value()));
        }
        if (status.isSameCodeAs(HttpStatus.UNAUTHORIZED) || status.isSameCodeAs(HttpStatus.FORBIDDEN)) {
            log.error("clinical store refused the portal's credential for the {} ({}): check"
                    + " carepath.clinical.intake/.reader against the job-workers' configuration", call, status.value());
            return new UnavailableException(String.valueOf(status.value()));
        }
        return new IllegalStateException("the clinical store refused the " + call + " with " + status.value());
    }

    private static UnavailableException unreachable(RestClientException e) {
        // Never e's message: a parse failure would quote the body.
        String reason = e.getCause() == null ? e.getClass().getSimpleName() : e.getCause().getClass().getSimpleName();
        log.warn("clinical store unreachable: {}", reason);
        return new UnavailableException(reason);
    }

    private static RestClient client(ClinicalProperties properties, ClinicalProperties.Credential credential,
            RestClient.Builder builder) {
        var requestFactory = new JdkClientHttpRequestFactory(
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
                        .connectTimeout(properties.connectTimeout()).build());
        requestFactory.setReadTimeout(properties.readTimeout());
        return builder.clone()
                .baseUrl(properties.url().toString())
                .requestFactory(requestFactory)
                .defaultHeaders(headers -> headers.setBasicAuth(credential.user(), credential.password()))
                .build();
    }
}
