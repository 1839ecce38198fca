package dev.carepath.simulator.messaging;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** What each channel accepts as an address, and how little of it the ledger shows. */
class RecipientsTest {

    @ParameterizedTest
    @CsvSource({
            "email, jane.doe@example.com, true",
            "email, jane.doe@example,     false",
            "email, not-an-address,       false",
            "email, +14155550123,         false",
            "sms,   +14155550123,         true",
            "sms,   4155550123,           false",
            "sms,   jane.doe@example.com, false",
            "push,  device-token-0123456789, true",
            "push,  short,                false"})
    void acceptsOnlyAnAddressForTheChannel(String channel, String address, boolean valid) {
        assertThat(Recipients.isValid(channel, address)).isEqualTo(valid);
    }

    @ParameterizedTest
    @CsvSource({
            "email, jane.doe@example.com,    j***@e***.com",
            "sms,   +14155550123,            +***0123",
            "push,  device-token-0123456789, ***6789"})
    void masksAnAddressBeyondUse(String channel, String address, String masked) {
        assertThat(Recipients.mask(channel, address)).isEqualTo(masked);
    }
}
