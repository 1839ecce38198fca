package dev.carepath.portal.journeys;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import dev.carepath.portal.clinical.IntakeAnswers;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * The body of {@code POST /v1/journeys}. Constraint messages describe the expected form only: the
 * values (a patient reference, a payment token) are never repeated back. {@code tenantId} is optional (the token
 * names the tenant); when present it must be the token's, and {@link #forTenant} fills it in either way, so a
 * request with and without it is the same request (one fingerprint).
 *
 * <p>{@code cycles} (optional) is how many refill cycles the order bought (1-24), passed through to the order and its
 * {@code order.created} event as {@code cyclesBought}. {@code intake} (optional) is the patient's medical intake,
 * PHI, in the shape of {@code PUT /v1/journeys/{id}/intake}: validated like it (fields named {@code intake.*}) and
 * handed to the clinical store by {@link JourneyStarts}; it is never stored with the order, and the fingerprint holds
 * only a SHA-256 of it. Public: the MCP server starts journeys with it too.
 */
public record StartJourneyRequest(
        @Pattern(regexp = "[a-z0-9][a-z0-9-]{1,62}",
                message = "must be 2-63 lower-case letters, digits or hyphens, not starting with a hyphen")
        String tenantId,

        @NotNull(message = "is required")
        @Pattern(regexp = "[A-Za-z0-9_-]{1,64}",
                message = "must be an opaque reference of 1-64 letters, digits, '_' or '-'")
        String patientReference,

        @NotNull(message = "is required")
        @SupportedTherapy
        String therapy,

        @NotNull(message = "is required")
        @UsStateCode
        String stateCode,

        @NotNull(message = "is required")
        @Pattern(regexp = "tok_[A-Za-z0-9_]{4,64}",
                message = "must be a payment processor token: 'tok_' followed by 4-64 letters, digits or '_'")
        String paymentToken,

        @Min(value = 1, message = "must be a number of refill cycles from 1 to 24")
        @Max(value = 24, message = "must be a number of refill cycles from 1 to 24")
        Integer cycles,

        @Valid
        IntakeAnswers intake) {

    /** A request without the optional cycles and intake. */
    public StartJourneyRequest(String tenantId, String patientReference, String therapy, String stateCode,
            String paymentToken) {
        this(tenantId, patientReference, therapy, stateCode, paymentToken, null, null);
    }

    /** This request on behalf of {@code tenantId}, the token's tenant. */
    StartJourneyRequest forTenant(String tenantId) {
        return new StartJourneyRequest(tenantId, patientReference, therapy, stateCode, paymentToken, cycles, intake);
    }

    /** Names no value: the patient reference, the payment token and the intake stay out of logs and messages. */
    @Override
    public String toString() {
        return "StartJourneyRequest[tenantId=" + tenantId + ", therapy=" + therapy + ", stateCode=" + stateCode
                + ", cycles=" + cycles + ", intake=" + (intake == null ? "none" : "<PHI redacted>") + "]";
    }

    /**
     * The validated request in one canonical text: fixed field order, one {@code name=value} per line.
     * The field patterns exclude line breaks and '=', so two different requests never share a form.
     */
    String canonicalForm() {
        return "v1"
                + "\ntenantId=" + tenantId
                + "\npatientReference=" + patientReference
                + "\ntherapy=" + therapy
                + "\nstateCode=" + stateCode
                + "\npaymentToken=" + paymentToken
                + (cycles == null ? "" : "\ncycles=" + cycles)
                + (intake == null ? "" : "\nintake=" + sha256(canonicalIntake(intake)));
    }

    /**
     * The intake in one unambiguous text (each value length-prefixed, so no value can imitate a separator): only its
     * hash enters the canonical form, so the fingerprint stored with the order holds nothing of the intake in clear.
     */
    static String canonicalIntake(IntakeAnswers intake) {
        StringBuilder text = new StringBuilder("intake-v1");
        for (Object value : List.of(String.valueOf(intake.givenName()), String.valueOf(intake.familyName()),
                String.valueOf(intake.dateOfBirth()), String.valueOf(intake.address()), String.valueOf(intake.email()),
                String.valueOf(intake.heightCm()), String.valueOf(intake.weightKg()),
                codes(intake.comorbidities()), codes(intake.contraindications()))) {
            String field = value.toString();
            text.append('|').append(field.length()).append(':').append(field);
        }
        return text.toString();
    }

    private static String codes(List<String> codes) {
        if (codes == null) {
            return "null";
        }
        StringBuilder text = new StringBuilder("[");
        codes.forEach(code -> text.append(String.valueOf(code).length()).append(':').append(code).append(';'));
        return text.append(']').toString();
    }

    /** SHA-256 of {@link #canonicalForm()}, hex: what a replay under the same idempotency key must match. */
    String fingerprint() {
        return sha256(canonicalForm());
    }

    private static String sha256(String text) {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
            return HexFormat.of().formatHex(digest);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is missing from this JVM", e);
        }
    }

    @Constraint(validatedBy = SupportedTherapy.Validator.class)
    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface SupportedTherapy {
        String message() default "must be one of the supported therapies";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Validator implements ConstraintValidator<SupportedTherapy, String> {
            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                if (value == null || Therapy.fromCode(value).isPresent()) {
                    return true;
                }
                context.disableDefaultConstraintViolation();
                context.buildConstraintViolationWithTemplate("must be one of: " + Therapy.codes())
                        .addConstraintViolation();
                return false;
            }
        }
    }

    @Constraint(validatedBy = UsStateCode.Validator.class)
    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface UsStateCode {
        String message() default "must be the upper-case two-letter code of a US state or DC";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Validator implements ConstraintValidator<UsStateCode, String> {
            @Override
            public boolean isValid(String value, ConstraintValidatorContext context) {
                return value == null || UsStates.isCode(value);
            }
        }
    }
}
