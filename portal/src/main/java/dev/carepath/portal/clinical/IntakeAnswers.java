package dev.carepath.portal.clinical;

import jakarta.validation.Constraint;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import jakarta.validation.Payload;
import jakarta.validation.constraints.DecimalMax;
import jakarta.validation.constraints.DecimalMin;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.time.LocalDate;
import java.util.List;

/**
 * The body of {@code PUT /v1/journeys/{id}/intake}: the patient's medical intake, in the shape the clinical store
 * takes it. PHI: it is validated and forwarded, never stored or logged here ({@link #toString()} names no value),
 * and constraint messages describe the expected form only, never the value given. Public: the start of a journey
 * takes it inline ({@code POST /v1/journeys}, {@code intake}), through {@link Intakes}.
 *
 * @param givenName         the patient's given name
 * @param familyName        the patient's family name
 * @param dateOfBirth       date of birth ({@code yyyy-MM-dd}), in the past and not before 1900
 * @param address           postal address, one line
 * @param email             where the patient's notifications go
 * @param heightCm          height in centimetres, 50 to 272
 * @param weightKg          weight in kilograms, 20 to 500
 * @param comorbidities     weight-related comorbidity codes (e.g. {@code hypertension}, {@code type-2-diabetes})
 * @param contraindications contraindication codes as the eligibility table names them ({@code mtc-or-men2},
 *                          {@code pregnancy}, {@code concurrent-glp1}; any other is referred to a clinician)
 * @param phone             the patient's mobile number (E.164) for SMS, or null; required when {@code channels} has sms
 * @param pushToken         the device token of the tenant's app for push, or null; required when {@code channels} has
 *                          push
 * @param channels          where the patient chose to be told ({@code email}, {@code sms}, {@code push}); null or
 *                          empty: email only
 */
@IntakeAnswers.Reachable
public record IntakeAnswers(
        @NotBlank(message = "is required")
        @Size(max = 100, message = "must be at most 100 characters")
        String givenName,

        @NotBlank(message = "is required")
        @Size(max = 100, message = "must be at most 100 characters")
        String familyName,

        @NotNull(message = "is required")
        @PlausibleBirthDate
        LocalDate dateOfBirth,

        @NotBlank(message = "is required")
        @Size(max = 300, message = "must be at most 300 characters")
        String address,

        @NotBlank(message = "is required")
        @Size(max = 254, message = "must be at most 254 characters")
        @Email(message = "must be an e-mail address")
        String email,

        @NotNull(message = "is required")
        @DecimalMin(value = "50", message = "must be between 50 and 272 (centimetres)")
        @DecimalMax(value = "272", message = "must be between 50 and 272 (centimetres)")
        Double heightCm,

        @NotNull(message = "is required")
        @DecimalMin(value = "20", message = "must be between 20 and 500 (kilograms)")
        @DecimalMax(value = "500", message = "must be between 20 and 500 (kilograms)")
        Double weightKg,

        @Size(max = 20, message = "must hold at most 20 codes")
        List<@NotNull(message = "must be a code") @Pattern(regexp = CODE, message = CODE_MESSAGE) String> comorbidities,

        @Size(max = 20, message = "must hold at most 20 codes")
        List<@NotNull(message = "must be a code") @Pattern(regexp = CODE, message = CODE_MESSAGE) String>
                contraindications,

        @Pattern(regexp = "\\+[1-9][0-9]{7,14}", message = "must be a phone number in E.164 form, e.g. +14155550123")
        String phone,

        @Pattern(regexp = "[A-Za-z0-9_:-]{16,256}", message = "must be 16-256 letters, digits, '_', ':' or '-'")
        String pushToken,

        @Size(max = 3, message = "must hold at most the 3 channels")
        List<@NotNull(message = "must be a channel")
             @Pattern(regexp = "email|sms|push", message = "must be email, sms or push") String> channels) {

    /** Answers taken before the patient chose channels: email only. */
    public IntakeAnswers(String givenName, String familyName, LocalDate dateOfBirth, String address, String email,
            Double heightCm, Double weightKg, List<String> comorbidities, List<String> contraindications) {
        this(givenName, familyName, dateOfBirth, address, email, heightCm, weightKg, comorbidities, contraindications,
                null, null, null);
    }

    static final String CODE = "[a-z0-9][a-z0-9-]{0,63}";
    static final String CODE_MESSAGE = "must be codes of 1-64 lower-case letters, digits or hyphens";

    /** The earliest date of birth taken as plausible. */
    static final LocalDate EARLIEST_BIRTH = LocalDate.of(1900, 1, 1);

    @Override
    public String toString() {
        return "IntakeAnswers[<PHI redacted>]";
    }

    /**
     * Each chosen channel has its address: {@code sms} a {@code phone}, {@code push} a {@code pushToken}; and no
     * channel is chosen twice. Reported on the missing field ({@code phone}, {@code pushToken}) or on {@code channels}.
     */
    @Constraint(validatedBy = Reachable.Validator.class)
    @Target(ElementType.TYPE)
    @Retention(RetentionPolicy.RUNTIME)
    @interface Reachable {
        String message() default "is required for the channels chosen";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Validator implements ConstraintValidator<Reachable, IntakeAnswers> {
            @Override
            public boolean isValid(IntakeAnswers answers, ConstraintValidatorContext context) {
                List<String> channels = answers.channels() == null ? List.of() : answers.channels();
                boolean valid = true;
                context.disableDefaultConstraintViolation();
                if (channels.contains("sms") && (answers.phone() == null || answers.phone().isBlank())) {
                    valid = violation(context, "phone", "is required when channels has sms");
                }
                if (channels.contains("push") && (answers.pushToken() == null || answers.pushToken().isBlank())) {
                    valid = violation(context, "pushToken", "is required when channels has push");
                }
                if (channels.stream().distinct().count() != channels.size()) {
                    valid = violation(context, "channels", "must name each channel once");
                }
                return valid;
            }

            private static boolean violation(ConstraintValidatorContext context, String field, String message) {
                context.buildConstraintViolationWithTemplate(message).addPropertyNode(field).addConstraintViolation();
                return false;
            }
        }
    }

    /** A date of birth in the past, and not before {@link #EARLIEST_BIRTH}. */
    @Constraint(validatedBy = PlausibleBirthDate.Validator.class)
    @Target(ElementType.FIELD)
    @Retention(RetentionPolicy.RUNTIME)
    @interface PlausibleBirthDate {
        String message() default "must be a date in the past, not before 1900-01-01";

        Class<?>[] groups() default {};

        Class<? extends Payload>[] payload() default {};

        class Validator implements ConstraintValidator<PlausibleBirthDate, LocalDate> {
            @Override
            public boolean isValid(LocalDate value, ConstraintValidatorContext context) {
                return value == null || (!value.isBefore(EARLIEST_BIRTH) && value.isBefore(LocalDate.now()));
            }
        }
    }
}
