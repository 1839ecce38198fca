package dev.carepath.simulator;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class NpiTest {

    @Test
    void checksTheLuhnDigitOverThe80840Prefix() {
        assertThat(Npi.isValid("1234567893")).isTrue();
        assertThat(Npi.isValid("1234567890")).isFalse();
        assertThat(Npi.isValid("123456789")).isFalse();
        assertThat(Npi.isValid("12345678a3")).isFalse();
        assertThat(Npi.isValid(null)).isFalse();
    }

    @Test
    void randomNpisAreValidIndividualProviderNumbers() {
        IntStream.range(0, 200).mapToObj(i -> Npi.random())
                .forEach(npi -> assertThat(npi).startsWith("1").hasSize(10).satisfies(n -> assertThat(Npi.isValid(n)).isTrue()));
    }
}
