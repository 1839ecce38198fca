package dev.carepath.portal.console;

/** Intakes (PHI, made up) the browser tests start journeys with, and what the eligibility table makes of them. */
final class Intakes {

    /** Age 42, BMI 32.9, no comorbidity or contraindication: eligible for semaglutide in TX. */
    static final String ELIGIBLE = """
            {"givenName": "Ada", "familyName": "Quill", "dateOfBirth": "1984-03-02",
             "address": "12 Elm Street, Austin TX 78701", "email": "ada.quill@example.com",
             "heightCm": 170, "weightKg": 95, "comorbidities": [], "contraindications": []}""";

    /** The same with a contraindication that is no hard no: referred to a clinician (Review eligibility). */
    static final String REFERRED = """
            {"givenName": "Bo", "familyName": "Lindqvist", "dateOfBirth": "1984-03-02",
             "address": "3 Birch Road, Albany NY 12207", "email": "bo.lindqvist@example.com",
             "heightCm": 170, "weightKg": 95, "comorbidities": [], "contraindications": ["borderline-history"]}""";

    private Intakes() {
    }
}
