package opsline.check.history;

import java.util.List;

/**
 * Latencies counted into fixed bins, so hours, days and checks add up (bin by bin) and percentiles can
 * be read from any sum. A percentile is interpolated within its bin: close enough for charts and SLA
 * reports, exact for counts.
 */
public final class LatencyHistogram {

    /** Upper bounds of the bins in milliseconds; the last bin holds everything slower. */
    static final List<Integer> BOUNDS = List.of(5, 10, 25, 50, 75, 100, 150, 200, 300, 500, 750, 1_000, 1_500,
            2_000, 3_000, 5_000, 10_000, 30_000);
    public static final int BINS = BOUNDS.size() + 1;

    private LatencyHistogram() {
    }

    public static int bin(long latencyMs) {
        for (int i = 0; i < BOUNDS.size(); i++) {
            if (latencyMs <= BOUNDS.get(i)) {
                return i;
            }
        }
        return BOUNDS.size();
    }

    /** The latency below which {@code quantile} (0 to 1) of the counted runs fall, or null with no runs. */
    public static Integer percentile(Integer[] bins, double quantile, int max) {
        long total = 0;
        for (Integer count : bins) {
            total += count == null ? 0 : count;
        }
        if (total == 0) {
            return null;
        }
        double rank = quantile * total;
        long seen = 0;
        for (int i = 0; i < bins.length; i++) {
            int count = bins[i] == null ? 0 : bins[i];
            if (count > 0 && seen + count >= rank) {
                int lower = i == 0 ? 0 : BOUNDS.get(i - 1);
                int upper = i < BOUNDS.size() ? BOUNDS.get(i) : Math.max(max, lower);
                double within = (rank - seen) / count;
                return (int) Math.min(Math.round(lower + within * (upper - lower)), Math.max(max, lower));
            }
            seen += count;
        }
        return max;
    }
}
