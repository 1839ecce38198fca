package dev.carepath.portal.journeys;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
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

/**
 * The body of {@code POST /v1/journeys}. Constraint messages describe the expected form only: the
 * values (a patient reference, a payment token) are never repeated back. {@code tenantId} is optional (the token
 * names the tenant); when present it must be the token's, and {@link #forTenant} fills it in either way, so a
 * request with and without it is the same request (one fingerprint). {@code cycles} (1..24) is optional: the cycles
 * the order buys, carried in {@code order.created} as {@code cyclesBought}; without it the engine runs the therapy's
 * default programme.
 */
record StartJourneyRequest(
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

        @Min(value = 1, message = "must be a whole number of cycles from 1 to 24")
        @Max(value = 24, message = "must be a whole number of cycles from 1 to 24")
        Integer cycles) {

    /** A request that names no cycle count: the therapy's default programme. */
    StartJourneyRequest(String tenantId, String patientReference, String therapy, String stateCode,
            String paymentToken) {
        this(tenantId, patientReference, therapy, stateCode, paymentToken, null);
    }

    /** This request on behalf of {@code tenantId}, the token's tenant. */
    StartJourneyRequest forTenant(String tenantId) {
        return new StartJourneyRequest(tenantId, patientReference, therapy, stateCode, paymentToken, cycles);
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
                // Only when given, so a request without it keeps the fingerprint it always had.
                + (cycles == null ? "" : "\ncycles=" + cycles);
    }

    /** SHA-256 of {@link #canonicalForm()}, hex: what a replay under the same idempotency key must match. */
    String fingerprint() {
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256")
                    .digest(canonicalForm().getBytes(StandardCharsets.UTF_8));
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
