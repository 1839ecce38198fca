package dev.carepath.portal.clinical;

import static org.assertj.core.api.Assertions.assertThat;

import dev.carepath.portal.web.Problems.FieldError;
import jakarta.validation.Validation;
import jakarta.validation.Validator;
import jakarta.validation.ValidatorFactory;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

class IntakeAnswersTest {

    private static final IntakeAnswers VALID = new IntakeAnswers("Ada", "Quill", LocalDate.of(1984, 3, 2),
            "12 Elm Street, Austin TX 78701", "ada@example.com", 170.0, 95.0, List.of("hypertension"), List.of());

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

    private static List<FieldError> errors(IntakeAnswers answers) {
        return ClinicalController.validate(answers, validator);
    }

    private static List<String> fields(IntakeAnswers answers) {
        return errors(answers).stream().map(FieldError::field).toList();
    }

    @Test
    void acceptsAPlausibleIntakeWithOrWithoutCodeLists() {
        assertThat(errors(VALID)).isEmpty();
        assertThat(errors(new IntakeAnswers("A", "Q", LocalDate.of(1900, 1, 1), "x", "a@b.example", 50.0, 20.0, null,
                null))).isEmpty();
    }

    @Test
    void takesTheChannelsThePatientChoseWithAnAddressForEach() {
        assertThat(errors(channels("+14155550123", "nw-device-7f3a9c2e1b4d8866", List.of("email", "sms", "push"))))
                .isEmpty();
        assertThat(errors(channels(null, null, List.of()))).as("none chosen: email only").isEmpty();
    }

    @Test
    void refusesAChosenChannelWithoutItsAddressAndUnknownOrRepeatedChannels() {
        assertThat(errors(channels(null, null, List.of("sms", "push")))).containsExactly(
                new FieldError("phone", "is required when channels has sms"),
                new FieldError("pushToken", "is required when channels has push"));
        assertThat(fields(channels("4155550123", "short", List.of("email")))).containsExactly("phone", "pushToken");
        assertThat(errors(channels(null, null, List.of("fax")))).containsExactly(
                new FieldError("channels[0]", "must be email, sms or push"));
        assertThat(fields(channels("+14155550123", null, List.of("sms", "sms")))).containsExactly("channels");
    }

    private static IntakeAnswers channels(String phone, String pushToken, List<String> channels) {
        return new IntakeAnswers("Ada", "Quill", LocalDate.of(1984, 3, 2), "12 Elm Street, Austin TX 78701",
                "ada@example.com", 170.0, 95.0, List.of(), List.of(), phone, pushToken, channels);
    }

    @Test
    void reportsEveryMissingAnswerAsRequired() {
        List<FieldError> errors = errors(new IntakeAnswers(null, " ", null, "", null, null, null, null, null));

        assertThat(errors).extracting(FieldError::field).containsExactly("address", "dateOfBirth", "email",
                "familyName", "givenName", "heightCm", "weightKg");
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).isEqualTo("is required"));
    }

    @Test
    void refusesImplausibleBodyMeasuresAndBirthDates() {
        assertThat(fields(with(LocalDate.now().plusDays(1), 170.0, 95.0))).containsExactly("dateOfBirth");
        assertThat(fields(with(LocalDate.now(), 170.0, 95.0))).containsExactly("dateOfBirth");
        assertThat(fields(with(LocalDate.of(1899, 12, 31), 170.0, 95.0))).containsExactly("dateOfBirth");
        assertThat(fields(with(LocalDate.of(1984, 3, 2), 49.9, 95.0))).containsExactly("heightCm");
        assertThat(fields(with(LocalDate.of(1984, 3, 2), 272.1, 95.0))).containsExactly("heightCm");
        assertThat(fields(with(LocalDate.of(1984, 3, 2), 1.7, 19.0))).containsExactly("heightCm", "weightKg");
        assertThat(fields(with(LocalDate.of(1984, 3, 2), 170.0, 950.0))).containsExactly("weightKg");
    }

    @Test
    void refusesMalformedAnswersWithoutEchoingThem() {
        IntakeAnswers answers = new IntakeAnswers("x".repeat(101), "Quill", LocalDate.of(1984, 3, 2), "12 Elm Street",
                "ada-at-example.com", 170.0, 95.0, Arrays.asList("Hypertension!", null), List.of("pregnancy"));

        List<FieldError> errors = errors(answers);

        assertThat(errors).extracting(FieldError::field).containsExactly("comorbidities[0]", "comorbidities[1]",
                "email", "givenName");
        assertThat(errors).allSatisfy(e -> assertThat(e.message()).doesNotContain("ada-at-example")
                .doesNotContain("Hypertension").doesNotContain("xxx"));
    }

    @Test
    void refusesMoreThanTwentyCodes() {
        List<String> many = new ArrayList<>(Collections.nCopies(21, "hypertension"));
        IntakeAnswers answers = new IntakeAnswers("Ada", "Quill", LocalDate.of(1984, 3, 2), "12 Elm Street",
                "ada@example.com", 170.0, 95.0, List.of(), many);

        assertThat(fields(answers)).containsExactly("contraindications");
    }

    @Test
    void neverShowsItsValuesAsText() {
        assertThat(VALID.toString()).doesNotContain("Ada").doesNotContain("1984").doesNotContain("Elm");
    }

    private static IntakeAnswers with(LocalDate dateOfBirth, double heightCm, double weightKg) {
        return new IntakeAnswers("Ada", "Quill", dateOfBirth, "12 Elm Street", "ada@example.com", heightCm, weightKg,
                List.of(), List.of());
    }
}
