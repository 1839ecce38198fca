package dev.carepath.workers.clinical;

import java.time.LocalDate;
import java.util.List;

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
 */
public record Intake(String givenName, String familyName, LocalDate dateOfBirth, String address, String email,
        double heightCm, double weightKg, List<String> comorbidities, List<String> contraindications) {

    /** Every field, as a whole-intake read records them ({@code clinical.phi-accessed}). */
    static final List<String> FIELDS = List.of("givenName", "familyName", "dateOfBirth", "address", "email", "heightCm",
            "weightKg", "comorbidities", "contraindications");

    public Intake {
        comorbidities = comorbidities == null ? List.of() : List.copyOf(comorbidities);
        contraindications = contraindications == null ? List.of() : List.copyOf(contraindications);
        if (dateOfBirth == null || heightCm <= 0 || weightKg <= 0) {
            throw new IllegalArgumentException("an intake needs a date of birth, a height and a weight");
        }
    }

    @Override
    public String toString() {
        return "Intake[<PHI redacted>]";
    }
}
