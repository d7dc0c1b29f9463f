package opsline.statuspage;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Presentation the templates ask for as {@code #view}: SVG geometry for uptime bars and latency lines,
 * and number and time formats. Templates show; the drawing arithmetic lives here, where it is tested.
 * Inputs are page data as the GraphQL documents return it (maps, ISO strings).
 */
public final class ViewHelpers {

    static final int BAR_STEP = 4;
    static final int BAR_WIDTH = 3;
    static final int BAR_HEIGHT = 28;
    private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("d MMM yyyy, HH:mm 'UTC'", Locale.ENGLISH);

    /** One day's bar: where it stands, its colour class, and its hover text. */
    public record Bar(int x, int width, int height, String state, String title) {
    }

    /** A latency chart: polylines (a gap where there were no runs) and the value at its top. */
    public record Line(List<String> p50Segments, List<String> p95Segments, int maxMs, int width, int height) {

        public boolean empty() {
            return p95Segments.isEmpty();
        }
    }

    public List<Bar> uptimeBars(List<Map<String, Object>> days) {
        List<Bar> bars = new ArrayList<>();
        for (int i = 0; i < days.size(); i++) {
            Map<String, Object> day = days.get(i);
            Object uptime = day.get("uptime");
            String state = day.get("worstState") == null ? "NONE" : day.get("worstState").toString();
            String title = day.get("date") + ": " + (uptime == null ? "no data" : percent(uptime) + " uptime");
            bars.add(new Bar(i * BAR_STEP, BAR_WIDTH, BAR_HEIGHT, state, title));
        }
        return bars;
    }

    public int barsWidth(List<?> days) {
        return Math.max(0, days.size() * BAR_STEP - (BAR_STEP - BAR_WIDTH));
    }

    /** A fraction as a percentage with two decimals, truncated so that 99.999% never shows as 100.00%. */
    public String percent(Object fraction) {
        if (fraction == null) {
            return "no data";
        }
        BigDecimal percent = BigDecimal.valueOf(((Number) fraction).doubleValue()).movePointRight(2).setScale(2, RoundingMode.FLOOR);
        return percent.toPlainString() + "%";
    }

    /** "99.98% uptime", or "No data yet" before the first run. */
    public String uptimeLabel(Object fraction) {
        return fraction == null ? "No data yet" : percent(fraction) + " uptime";
    }

    public Line latencyLine(List<Map<String, Object>> points, int width, int height) {
        int max = points.stream().map(point -> point.get("p95Ms")).filter(Number.class::isInstance)
                .mapToInt(value -> ((Number) value).intValue()).max().orElse(0);
        int top = Math.max(1, niceCeiling(max));
        return new Line(segments(points, "p50Ms", width, height, top), segments(points, "p95Ms", width, height, top), top, width, height);
    }

    /** An ISO instant as "23 Nov 2026, 14:53 UTC". */
    public String time(Object iso) {
        return iso == null ? "" : TIME.format(Instant.parse(iso.toString()).atOffset(ZoneOffset.UTC));
    }

    /**
     * An ISO instant for a {@code <time datetime>} attribute: HTML allows at most milliseconds, the API
     * gives microseconds.
     */
    public String datetime(Object iso) {
        if (iso == null) {
            return null;
        }
        return Instant.parse(iso.toString()).truncatedTo(ChronoUnit.MILLIS).toString();
    }

    /** An ISO-8601 duration in words: "45 s", "12 min", "2 h 5 min", "3 days". */
    public String duration(Object iso) {
        if (iso == null) {
            return "";
        }
        long seconds = Duration.parse(iso.toString()).toSeconds();
        if (seconds < 120) {
            return seconds + " s";
        }
        if (seconds < 7_200) {
            return seconds / 60 + " min";
        }
        if (seconds < 172_800) {
            return seconds / 3_600 + " h " + (seconds % 3_600) / 60 + " min";
        }
        return seconds / 86_400 + " days";
    }

    /** An ISO instant as a form's datetime-local value, in UTC: "2026-11-23T14:53". */
    public String localUtc(Object iso) {
        return iso == null ? "" : Instant.parse(iso.toString()).atOffset(ZoneOffset.UTC).toLocalDateTime()
                .truncatedTo(ChronoUnit.MINUTES).toString();
    }

    private static List<String> segments(List<Map<String, Object>> points, String field, int width, int height, int top) {
        List<String> segments = new ArrayList<>();
        StringBuilder current = new StringBuilder();
        double step = points.size() <= 1 ? 0 : (double) width / (points.size() - 1);
        for (int i = 0; i < points.size(); i++) {
            Object value = points.get(i).get(field);
            if (value == null) {
                flush(segments, current);
                continue;
            }
            double y = height - ((Number) value).doubleValue() / top * height;
            current.append(String.format(Locale.ENGLISH, "%.1f,%.1f ", i * step, y));
        }
        flush(segments, current);
        return segments;
    }

    private static void flush(List<String> segments, StringBuilder current) {
        if (!current.isEmpty()) {
            segments.add(current.toString().trim());
            current.setLength(0);
        }
    }

    /** The next round number at or above {@code value}: 1, 2 or 5 times a power of ten. */
    static int niceCeiling(int value) {
        int magnitude = 1;
        while (magnitude * 10 <= value) {
            magnitude *= 10;
        }
        for (int factor : new int[]{1, 2, 5, 10}) {
            if (factor * magnitude >= value) {
                return factor * magnitude;
            }
        }
        return 10 * magnitude;
    }
}
