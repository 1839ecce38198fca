package dev.carepath.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class PercentilesTest {

    @Test
    void nearestRankPercentilesOfAHundredValues() {
        List<Long> values = new java.util.ArrayList<>();
        for (long v = 100; v >= 1; v--) {
            values.add(v);
        }
        Percentiles percentiles = new Percentiles(values);
        assertThat(percentiles.at(50)).isEqualTo(50);
        assertThat(percentiles.at(99)).isEqualTo(99);
        assertThat(percentiles.at(100)).isEqualTo(100);
        assertThat(percentiles.p50p99()).isEqualTo("50 ms / 99 ms");
    }

    @Test
    void noValuesIsNotAFigure() {
        Percentiles none = new Percentiles(List.of());
        assertThat(none.at(50)).isNaN();
        assertThat(none.p50p99()).isEqualTo("n/a");
        assertThat(none.cdf(10)[0]).isEmpty();
    }

    @Test
    void theCdfEndsAtTheLargestValueWithEveryValueBelowIt() {
        double[][] cdf = new Percentiles(List.of(30L, 10L, 20L, 40L)).cdf(2);
        assertThat(cdf[0]).containsExactly(20, 40);
        assertThat(cdf[1]).containsExactly(0.5, 1.0);
    }
}
