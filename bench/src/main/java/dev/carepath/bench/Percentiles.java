package dev.carepath.bench;

import java.util.Arrays;
import java.util.List;

/** Nearest-rank percentiles and an empirical CDF of a list of durations in milliseconds. */
final class Percentiles {

    private final double[] sorted;

    Percentiles(List<? extends Number> values) {
        this.sorted = values.stream().mapToDouble(Number::doubleValue).sorted().toArray();
    }

    int count() {
        return sorted.length;
    }

    /** The nearest-rank percentile ({@code p} from 0 to 100); NaN without values. */
    double at(double p) {
        if (sorted.length == 0) {
            return Double.NaN;
        }
        int rank = (int) Math.ceil(p / 100.0 * sorted.length);
        return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1];
    }

    /** Up to {@code points} points (value, share of values at or below it), for a CDF plot. */
    double[][] cdf(int points) {
        if (sorted.length == 0) {
            return new double[][] {new double[0], new double[0]};
        }
        int n = Math.min(points, sorted.length);
        double[] x = new double[n];
        double[] y = new double[n];
        for (int i = 0; i < n; i++) {
            int index = (int) Math.round((double) (i + 1) / n * sorted.length) - 1;
            x[i] = sorted[index];
            y[i] = (double) (index + 1) / sorted.length;
        }
        return new double[][] {x, y};
    }

    /** "p50 / p99" in milliseconds, or "n/a". */
    String p50p99() {
        if (sorted.length == 0) {
            return "n/a";
        }
        return format(at(50)) + " / " + format(at(99));
    }

    static String format(double millis) {
        return millis >= 10_000 ? String.format("%.1f s", millis / 1000) : String.format("%.0f ms", millis);
    }

    @Override
    public String toString() {
        return Arrays.toString(sorted);
    }
}
