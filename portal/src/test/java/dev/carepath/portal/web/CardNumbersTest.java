package dev.carepath.portal.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class CardNumbersTest {

    @ParameterizedTest
    @ValueSource(strings = {
            "4242424242424242",                         // Visa test card, 16 digits
            "4111 1111 1111 1111",                      // grouped by spaces
            "6011-1111-1111-1117",                      // grouped by hyphens (Discover)
            "378282246310005",                          // Amex, 15 digits
            "4222222222222",                            // Visa, 13 digits
            "6304000000000000000",                      // 19 digits
            "{\"paymentToken\":\"tok_4242424242424242\"}", // inside a token
            "{\"note\": \"card 5555555555554444 please\"}",
            "3df5f93c-1234-abcd-4111-111111111111 4111 1111 1111 1111", // a card beside a UUID is still found
            "tok_4242_4242_4242_4242",                  // grouped by underscores inside a token
            "4242  4242  4242  4242",                   // grouped by double spaces
            "4242.4242.4242.4242",                      // grouped by dots
            "4242 - 4242 - 4242 - 4242",                // grouped by spaced hyphens
            "\uFF14\uFF12\uFF14\uFF12\uFF14\uFF12\uFF14\uFF12\uFF14\uFF12\uFF14\uFF12\uFF14\uFF12\uFF14\uFF12", // fullwidth
            "\u0664\u0662\u0664\u0662\u0664\u0662\u0664\u0662\u0664\u0662\u0664\u0662\u0664\u0662\u0664\u0662", // Arabic-Indic
            "4242\u00A04242\u00A04242\u00A04242",        // grouped by no-break spaces
            "1234 4242 4242 4242 4242",                 // digits before a grouped card do not hide it
            "4242 4242 4242 4242 2031"                  // nor digits after it (an expiry)
    })
    void findsLuhnValidCardNumbers(String text) {
        assertThat(CardNumbers.containsCardNumber(text)).isTrue();
    }

    @Test
    void findsCardNumbersInRawUtf8Bytes() {
        assertThat(CardNumbers.containsCardNumber("ref \uFF14\uFF11\uFF11\uFF11 1111 1111 1111"
                .getBytes(StandardCharsets.UTF_8))).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {
            "4242424242424241",                         // fails the Luhn check
            "4111111111111112",                         // 16 digits, not Luhn-valid: no card
            "424242424242",                             // Luhn-valid but 12 digits
            "42424242424242424242",                     // 20 digits: no card number
            "{\"tenantId\":\"acme-health\",\"patientReference\":\"pat-00042\",\"stateCode\":\"TX\"}",
            "b6919141-c776-4bbc-88fa-a81317b13ade",    // a journey id
            "3df5f93c-1234-abcd-4111-111111111111",    // a journey id whose last groups read as a Visa number
            "3DF5F93C-1234-ABCD-4111-111111111111",    // the same, upper case
            "/v1/journeys/00000000-0000-4000-8000-378282246310", // digit-only groups, an Amex tail
            "+1 (512) 555-0142",
            "tok_visa_4242",
            "1733510000005",                            // epoch milliseconds (Luhn-valid, but starts with 1)
            "1733510000000005",                         // epoch microseconds
            "2026-12-06T20:31:22.123456Z",              // a timestamp
            "2026-12-06 20:31:22",
            "order-2026-12-06-000042",                  // a key with a date in it
            "heightCm 170.5 weightKg 95.25",
            ""
    })
    void ignoresWhatIsNoCardNumber(String text) {
        assertThat(CardNumbers.containsCardNumber(text)).isFalse();
    }

    @Test
    void luhnCheckMatchesTheAlgorithm() {
        assertThat(CardNumbers.luhnValid(new int[] {7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 3}, 11)).isTrue();
        assertThat(CardNumbers.luhnValid(new int[] {7, 9, 9, 2, 7, 3, 9, 8, 7, 1, 4}, 11)).isFalse();
    }
}
