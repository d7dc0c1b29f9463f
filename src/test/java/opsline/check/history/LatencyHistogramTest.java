package opsline.check.history;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;

import static org.assertj.core.api.Assertions.assertThat;

/** Bins and percentiles of latency histograms. */
class LatencyHistogramTest {

    @ParameterizedTest(name = "{0} ms falls in bin {1}")
    @CsvSource({
            "0, 0",
            "5, 0",
            "6, 1",
            "10, 1",
            "11, 2",
            "100, 5",
            "101, 6",
            "1500, 12",
            "1501, 13",
            "30000, 17",
            "30001, 18",
            "9999999, 18"})
    void bin_isTheFirstWhoseUpperBoundHoldsTheLatency(long latencyMs, int bin) {
        assertThat(LatencyHistogram.bin(latencyMs)).isEqualTo(bin);
    }

    /** Bins are written as "bin:count" pairs; the rest are empty. */
    @ParameterizedTest(name = "p{1} of [{0}] with max {2} is {3}")
    @CsvSource(delimiter = ';', nullValues = "null", value = {
            "'';            0.5;  0;     null",
            "0:1;           0.5;  4;     3",
            "0:1;           1.0;  3;     3",
            "2:1;           0.5;  25;    18",
            "2:1;           0.5;  12;    12",
            "0:2, 1:2;      0.5;  9;     5",
            "0:2, 1:2;      0.75; 9;     8",
            "0:99, 9:1;     0.5;  480;   3",
            "0:99, 9:1;     0.99; 480;   5",
            "0:99, 9:1;     1.0;  480;   480",
            "18:2;          0.5;  45000; 37500",
            "18:2;          1.0;  45000; 45000",
            "17:1, 18:1;    0.95; 31000; 30900"})
    void percentile_isInterpolatedWithinItsBin_andNeverAboveTheMax(String counts, double quantile, int max, Integer expected) {
        assertThat(LatencyHistogram.percentile(bins(counts), quantile, max)).isEqualTo(expected);
    }

    @ParameterizedTest(name = "bins with null entries: p{0} is {1}")
    @CsvSource({"0.5, 8", "0.0, 5"})
    void percentile_countsNullBinsAsEmpty(double quantile, int expected) {
        Integer[] bins = new Integer[LatencyHistogram.BINS];
        bins[1] = 2;
        assertThat(LatencyHistogram.percentile(bins, quantile, 9)).isEqualTo(expected);
    }

    private static Integer[] bins(String counts) {
        Integer[] bins = new Integer[LatencyHistogram.BINS];
        Arrays.fill(bins, 0);
        for (String pair : counts.split(",")) {
            if (!pair.isBlank()) {
                String[] parts = pair.trim().split(":");
                bins[Integer.parseInt(parts[0])] = Integer.parseInt(parts[1]);
            }
        }
        return bins;
    }
}
