package opsline.statuspage;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The drawing and formatting arithmetic the page templates use as {@code #view}. */
class ViewHelpersTest {

    private final ViewHelpers view = new ViewHelpers();

    @ParameterizedTest(name = "{0} shows as {1}")
    @CsvSource({
            "1.0,      100.00%",
            "0.99999,  99.99%",
            "0.999949, 99.99%",
            "0.9999,   99.99%",
            "0.5,      50.00%",
            "0.57,     57.00%",
            "0.69,     69.00%",
            "0.285,    28.50%",
            "0.00001,  0.00%",
            "0.0,      0.00%"})
    void percent_truncatesToTwoDecimals_soAlmostAllIsNeverShownAsAll(double fraction, String shown) {
        assertThat(view.percent(fraction)).isEqualTo(shown);
    }

    @Test
    void datetime_keepsAtMostMilliseconds_asHtmlTimeElementsRequire() {
        assertThat(view.datetime("2026-11-23T18:47:20.170945Z")).isEqualTo("2026-11-23T18:47:20.170Z");
        assertThat(view.datetime("2026-11-23T18:47:20Z")).isEqualTo("2026-11-23T18:47:20Z");
        assertThat(view.datetime(null)).isNull();
    }

    @Test
    void percent_ofNoRuns_isNoData_andTheLabelSaysSo() {
        assertThat(view.percent(null)).isEqualTo("no data");
        assertThat(view.uptimeLabel(null)).isEqualTo("No data yet");
        assertThat(view.uptimeLabel(0.99999)).isEqualTo("99.99% uptime");
    }

    @Test
    void uptimeBars_standSideBySide_coloredByTheWorstState_andTitledWithDateAndUptime() {
        List<Map<String, Object>> days = List.of(
                day("2026-11-20", 1.0, "UP"),
                day("2026-11-21", null, null),
                day("2026-11-22", 0.99999, "DEGRADED"),
                day("2026-11-23", 0.25, "DOWN"));

        List<ViewHelpers.Bar> bars = view.uptimeBars(days);

        assertThat(bars).containsExactly(
                new ViewHelpers.Bar(0, 3, 28, "UP", "2026-11-20: 100.00% uptime"),
                new ViewHelpers.Bar(4, 3, 28, "NONE", "2026-11-21: no data"),
                new ViewHelpers.Bar(8, 3, 28, "DEGRADED", "2026-11-22: 99.99% uptime"),
                new ViewHelpers.Bar(12, 3, 28, "DOWN", "2026-11-23: 25.00% uptime"));
        assertThat(view.barsWidth(days)).isEqualTo(15);
        assertThat(view.barsWidth(List.of())).isZero();
        assertThat(view.barsWidth(Collections.nCopies(90, day("2026-11-23", null, null)))).isEqualTo(359);
    }

    @Test
    void latencyLine_scalesToANiceTop_withYGrowingDownwards() {
        ViewHelpers.Line line = view.latencyLine(points(new Integer[][]{{100, 180}, {50, 90}, {0, 0}}), 600, 120);

        assertThat(line.maxMs()).isEqualTo(200);
        assertThat(line.p95Segments()).containsExactly("0.0,12.0 300.0,66.0 600.0,120.0");
        assertThat(line.p50Segments()).containsExactly("0.0,60.0 300.0,90.0 600.0,120.0");
        assertThat(line.empty()).isFalse();
    }

    @Test
    void latencyLine_breaksIntoSegmentsWherePointsHaveNoRuns() {
        ViewHelpers.Line line = view.latencyLine(points(new Integer[][]{{10, 10}, null, {20, 20}, {10, 10}, null}), 400, 100);

        assertThat(line.maxMs()).isEqualTo(20);
        assertThat(line.p95Segments()).containsExactly("0.0,50.0", "200.0,0.0 300.0,50.0");
        assertThat(line.p50Segments()).hasSize(2);
    }

    @Test
    void latencyLine_withoutAnyRuns_isEmpty() {
        ViewHelpers.Line line = view.latencyLine(points(new Integer[][]{null, null, null}), 600, 120);

        assertThat(line.empty()).isTrue();
        assertThat(line.p50Segments()).isEmpty();
        assertThat(view.latencyLine(List.of(), 600, 120).empty()).isTrue();
    }

    @ParameterizedTest(name = "niceCeiling({0}) = {1}")
    @CsvSource({"0, 1", "1, 1", "2, 2", "3, 5", "5, 5", "6, 10", "10, 10", "11, 20", "99, 100", "101, 200",
            "200, 200", "201, 500", "501, 1000", "1000, 1000", "12000, 20000"})
    void niceCeiling_isTheNextOneTwoOrFiveTimesAPowerOfTen(int value, int ceiling) {
        assertThat(ViewHelpers.niceCeiling(value)).isEqualTo(ceiling);
    }

    @Test
    void time_showsAnInstantInUtcWords() {
        assertThat(view.time("2026-11-23T14:53:12.345Z")).isEqualTo("23 Nov 2026, 14:53 UTC");
        assertThat(view.time("2026-01-05T00:00:00Z")).isEqualTo("5 Jan 2026, 00:00 UTC");
        assertThat(view.time(null)).isEmpty();
    }

    private static Map<String, Object> day(String date, Double uptime, String worstState) {
        Map<String, Object> day = new HashMap<>();
        day.put("date", date);
        day.put("uptime", uptime);
        day.put("worstState", worstState);
        return day;
    }

    /** Latency points as the page query returns them; each pair is {p50, p95}, null for an hour without runs. */
    private static List<Map<String, Object>> points(Integer[][] values) {
        return Arrays.stream(values).map(pair -> {
            Map<String, Object> point = new HashMap<>();
            point.put("p50Ms", pair == null ? null : pair[0]);
            point.put("p95Ms", pair == null ? null : pair[1]);
            return point;
        }).toList();
    }
}
