package dev.carepath.portal.journeys;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carepath.portal.clinical.IntakeAnswers;
import dev.carepath.portal.web.Problems.FieldError;
import java.time.LocalDate;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class StartJourneyRequestTest {

    private static final StartJourneyRequest VALID =
            new StartJourneyRequest("acme-health", "pat-00042", "semaglutide", "TX", "tok_visa_4242");

    private static ValidatorFactory factory;
    private static Validator validator;

    @BeforeAll
    static void validator() {
        factory = Validation.buildDefaultValidatorFactory();
        validator = factory.getValidator();
    }

    @AfterAll
    static void close() {
        factory.close();
    }

    private static List<FieldError> errors(StartJourneyRequest request, String key) {
        return JourneyStarts.validate(request, key, validator);
    }

    private static List<String> fields(List<FieldError> errors) {
        return errors.stream().map(FieldError::field).toList();
    }

    @Test
    void acceptsAValidRequest() {
        assertThat(errors(VALID, "agent-7:order-1")).isEmpty();
        assertThat(errors(new StartJourneyRequest("ab", "x", "tirzepatide", "DC", "tok_abcd"), "k")).isEmpty();
    }

    @Test
    void reportsEveryMissingFieldAndTheMissingKeyButNotTheOptionalTenant() {
        List<FieldError> errors = errors(new StartJourneyRequest(null, null, null, null, null), null);
        assertThat(fields(errors)).containsExactly("Idempotency-Key", "patientReference", "paymentToken",
                "stateCode", "therapy");
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).contains("required"));
    }

    @Test
    void aRequestWithAndWithoutTheTenantIsOneRequestForTheTokensTenant() {
        StartJourneyRequest withoutTenant = new StartJourneyRequest(null, "pat-00042", "semaglutide", "TX",
                "tok_visa_4242");

        assertThat(errors(withoutTenant, "k")).isEmpty();
        assertThat(withoutTenant.forTenant("acme-health")).isEqualTo(VALID);
        assertThat(withoutTenant.forTenant("acme-health").fingerprint()).isEqualTo(VALID.forTenant("acme-health")
                .fingerprint()).isEqualTo(VALID.fingerprint());
    }

    @ParameterizedTest
    @ValueSource(strings = {"ozempic", "Semaglutide", "semaglutide ", ""})
    void refusesAnUnknownTherapy(String therapy) {
        List<FieldError> errors = errors(new StartJourneyRequest("acme-health", "pat-00042", therapy, "TX",
                "tok_visa_4242"), "k");
        assertThat(errors).containsExactly(new FieldError("therapy", "must be one of: semaglutide, tirzepatide"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"tx", "XX", "PR", "TEX", "T", ""})
    void refusesWhatIsNoStateOrDc(String state) {
        assertThat(fields(errors(new StartJourneyRequest("acme-health", "pat-00042", "semaglutide", state,
                "tok_visa_4242"), "k"))).containsExactly("stateCode");
    }

    @Test
    void knowsTheFiftyStatesAndDc() {
        assertThat(UsStates.CODES).hasSize(51).contains("AK", "HI", "DC", "WY");
    }

    @Test
    void refusesMalformedFieldsWithoutEchoingTheirValues() {
        StartJourneyRequest request = new StartJourneyRequest("-Acme", "pat 00042/secret", "semaglutide", "TX",
                "visa_4242_secret");
        List<FieldError> errors = errors(request, "k");
        assertThat(fields(errors)).containsExactly("patientReference", "paymentToken", "tenantId");
        assertThat(errors).allSatisfy(e -> assertThat(e.message())
                .doesNotContain("secret").doesNotContain("pat 00042").doesNotContain("Acme"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "has space", "slash/key", "ключ"})
    void refusesAMalformedIdempotencyKey(String key) {
        assertThat(fields(errors(VALID, key))).containsExactly("Idempotency-Key");
    }

    @Test
    void refusesAnIdempotencyKeyLongerThan128Characters() {
        assertThat(errors(VALID, "k".repeat(128))).isEmpty();
        assertThat(fields(errors(VALID, "k".repeat(129)))).containsExactly("Idempotency-Key");
    }

    @Test
    void canonicalFormHasAFixedFieldOrder() {
        assertThat(VALID.canonicalForm()).isEqualTo("v1\ntenantId=acme-health\npatientReference=pat-00042"
                + "\ntherapy=semaglutide\nstateCode=TX\npaymentToken=tok_visa_4242");
        // SHA-256 of the text above, computed independently.
        assertThat(VALID.fingerprint()).isEqualTo("5cbcf1e56e943977e86f7d976a73598761e4922aaf6e19cc87940cbab8f586ad");
    }

    @Test
    void fingerprintChangesWithEveryField() {
        List<StartJourneyRequest> variants = List.of(
                new StartJourneyRequest("acme-health2", "pat-00042", "semaglutide", "TX", "tok_visa_4242"),
                new StartJourneyRequest("acme-health", "pat-00043", "semaglutide", "TX", "tok_visa_4242"),
                new StartJourneyRequest("acme-health", "pat-00042", "tirzepatide", "TX", "tok_visa_4242"),
                new StartJourneyRequest("acme-health", "pat-00042", "semaglutide", "CA", "tok_visa_4242"),
                new StartJourneyRequest("acme-health", "pat-00042", "semaglutide", "TX", "tok_visa_4243"));
        assertThat(variants).extracting(StartJourneyRequest::fingerprint)
                .doesNotHaveDuplicates()
                .doesNotContain(VALID.fingerprint());
        assertThat(new StartJourneyRequest("acme-health", "pat-00042", "semaglutide", "TX", "tok_visa_4242")
                .fingerprint()).isEqualTo(VALID.fingerprint());
    }

    private static IntakeAnswers intake(String givenName) {
        return new IntakeAnswers(givenName, "Quill", LocalDate.of(1984, 3, 2), "12 Elm Street", "ada@example.com",
                170.0, 95.0, List.of("hypertension"), List.of());
    }

    private static StartJourneyRequest withIntakeAndCycles(IntakeAnswers intake, Integer cycles) {
        return new StartJourneyRequest("acme-health", "pat-00042", "semaglutide", "TX", "tok_visa_4242", cycles,
                intake);
    }

    @Test
    void anInlineIntakeIsValidatedLikeThePutAndNamedIntakeDot() {
        assertThat(errors(withIntakeAndCycles(intake("Ada"), 3), "k")).isEmpty();
        IntakeAnswers bad = new IntakeAnswers(" ", null, LocalDate.of(1850, 1, 1), "x", "not-an-email", 20.0, 900.0,
                List.of("ok", "Not A Code"), null);

        List<FieldError> errors = errors(withIntakeAndCycles(bad, null), "k");

        assertThat(fields(errors)).containsExactly("intake.comorbidities[1]", "intake.dateOfBirth", "intake.email",
                "intake.familyName", "intake.givenName", "intake.heightCm", "intake.weightKg");
        assertThat(errors).extracting(FieldError::message).noneMatch(m -> m.contains("Not A Code")
                || m.contains("not-an-email"));
    }

    @Test
    void cyclesAreOneToTwentyFour() {
        assertThat(errors(withIntakeAndCycles(null, 1), "k")).isEmpty();
        assertThat(errors(withIntakeAndCycles(null, 24), "k")).isEmpty();
        assertThat(fields(errors(withIntakeAndCycles(null, 0), "k"))).containsExactly("cycles");
        assertThat(fields(errors(withIntakeAndCycles(null, 25), "k"))).containsExactly("cycles");
    }

    @Test
    void theFingerprintHoldsTheIntakeOnlyAsAHashAndChangesWithItAndWithCycles() {
        StartJourneyRequest ada = withIntakeAndCycles(intake("Ada"), null);

        assertThat(ada.canonicalForm()).startsWith(VALID.canonicalForm() + "\nintake=")
                .doesNotContain("Ada").doesNotContain("Elm").doesNotContain("1984").doesNotContain("hypertension");
        assertThat(List.of(ada, withIntakeAndCycles(intake("Bea"), null), withIntakeAndCycles(null, 6),
                        withIntakeAndCycles(intake("Ada"), 6), VALID))
                .extracting(StartJourneyRequest::fingerprint).doesNotHaveDuplicates();
        assertThat(withIntakeAndCycles(intake("Ada"), null).fingerprint()).isEqualTo(ada.fingerprint());
        assertThat(ada.toString()).doesNotContain("Ada").doesNotContain("pat-00042").doesNotContain("tok_visa");
    }
}
