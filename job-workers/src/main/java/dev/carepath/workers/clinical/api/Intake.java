package dev.carepath.workers.clinical.api;

import java.time.LocalDate;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A patient's medical intake for one order: PHI, kept in the clinical store only. {@link #toString()} names
 * no value, so an intake can never end up in a log line.
 *
 * @param givenName          the patient's given name
 * @param familyName         the patient's family name
 * @param dateOfBirth        date of birth
 * @param address            postal address, one line
 * @param email              where the patient's notifications go
 * @param heightCm           height in centimetres
 * @param weightKg           weight in kilograms
 * @param comorbidities      weight-related comorbidities (e.g. {@code hypertension}, {@code type-2-diabetes})
 * @param contraindications  contraindication codes as the eligibility table names them
 *                           ({@code mtc-or-men2}, {@code pregnancy}, {@code concurrent-glp1}, or others to refer)
 * @param phone              the patient's mobile number (E.164, e.g. {@code +14155550123}) for SMS, or null
 * @param pushToken          the device token of the tenant's app on the patient's phone, for push, or null
 * @param channels           where the patient chose to be told ({@code email}, {@code sms}, {@code push}); an intake
 *                           that names none (every intake taken before the choice existed) chose email
 */
public record Intake(String givenName, String familyName, LocalDate dateOfBirth, String address, String email,
        double heightCm, double weightKg, List<String> comorbidities, List<String> contraindications, String phone,
        String pushToken, List<String> channels) {

    /** The channels a patient can choose. */
    public static final Set<String> CHANNELS = Set.of("email", "sms", "push");

    private static final Pattern E164 = Pattern.compile("\\+[1-9]\\d{7,14}");
    private static final Pattern PUSH_TOKEN = Pattern.compile("[A-Za-z0-9_:-]{16,256}");

    public Intake {
        comorbidities = comorbidities == null ? List.of() : List.copyOf(comorbidities);
        contraindications = contraindications == null ? List.of() : List.copyOf(contraindications);
        channels = channels == null || channels.isEmpty() ? List.of("email") : List.copyOf(channels);
        if (dateOfBirth == null || heightCm <= 0 || weightKg <= 0) {
            throw new IllegalArgumentException("an intake needs a date of birth, a height and a weight");
        }
        if (!CHANNELS.containsAll(channels) || channels.stream().distinct().count() != channels.size()) {
            throw new IllegalArgumentException("channels must be distinct ones of " + CHANNELS);
        }
        if (phone != null && !E164.matcher(phone).matches() || channels.contains("sms") && phone == null) {
            throw new IllegalArgumentException("sms needs a phone number in E.164 form");
        }
        if (pushToken != null && !PUSH_TOKEN.matcher(pushToken).matches()
                || channels.contains("push") && pushToken == null) {
            throw new IllegalArgumentException("push needs a device token of 16-256 letters, digits, '_', ':' or '-'");
        }
    }

    /** An intake taken before the patient chose channels: email only. */
    public Intake(String givenName, String familyName, LocalDate dateOfBirth, String address, String email,
            double heightCm, double weightKg, List<String> comorbidities, List<String> contraindications) {
        this(givenName, familyName, dateOfBirth, address, email, heightCm, weightKg, comorbidities, contraindications,
                null, null, null);
    }

    /** Where the patient is reached on {@code channel} ({@code email}, {@code sms}, {@code push}), or null. */
    public String addressFor(String channel) {
        return switch (channel) {
            case "email" -> email;
            case "sms" -> phone;
            case "push" -> pushToken;
            default -> null;
        };
    }

    @Override
    public String toString() {
        return "Intake[<PHI redacted>]";
    }
}
