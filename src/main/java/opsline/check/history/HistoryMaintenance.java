package opsline.check.history;

import io.micronaut.data.jdbc.runtime.JdbcOperations;
import io.micronaut.transaction.TransactionOperations;
import jakarta.inject.Singleton;
import opsline.check.CheckConfiguration;
import opsline.system.PeriodicJob;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.sql.Connection;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps check history within its retention: a raw-result partition per UTC day, made a few days ahead
 * and dropped whole once older than {@code rawRetention}; rollups deleted past their own retention.
 */
@Singleton
public class HistoryMaintenance implements PeriodicJob {

    private static final Logger LOG = LoggerFactory.getLogger(HistoryMaintenance.class);
    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.BASIC_ISO_DATE;
    private static final int DAYS_AHEAD = 3;

    private final JdbcOperations jdbc;
    private final TransactionOperations<Connection> transactions;
    private final CheckConfiguration configuration;
    private final Clock clock;

    public HistoryMaintenance(JdbcOperations jdbc, TransactionOperations<Connection> transactions,
                              CheckConfiguration configuration, Clock clock) {
        this.jdbc = jdbc;
        this.transactions = transactions;
        this.configuration = configuration;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "check-history";
    }

    @Override
    public Duration period() {
        return Duration.ofHours(1);
    }

    @Override
    public void run() {
        ensurePartitions();
        dropExpiredPartitions();
        execute("DELETE FROM check_result_default WHERE checked_at < ?", configuration.rawRetention());
        execute("DELETE FROM check_rollup WHERE period = 'HOUR' AND period_start < ?", configuration.hourlyRetention());
        execute("DELETE FROM check_rollup WHERE period = 'DAY' AND period_start < ?", configuration.dailyRetention());
    }

    /** Partitions from yesterday to a few days ahead; results never wait for one. */
    public void ensurePartitions() {
        List<String> existing = partitions();
        LocalDate today = LocalDate.ofInstant(clock.instant(), ZoneOffset.UTC);
        for (LocalDate day = today.minusDays(1); !day.isAfter(today.plusDays(DAYS_AHEAD)); day = day.plusDays(1)) {
            String name = "check_result_" + SUFFIX.format(day);
            if (!existing.contains(name)) {
                create(name, day);
            }
        }
    }

    private void create(String name, LocalDate day) {
        try {
            transactions.executeWrite(status -> jdbc.prepareStatement("CREATE TABLE IF NOT EXISTS " + name
                    + " PARTITION OF check_result FOR VALUES FROM ('" + day + "T00:00:00Z') TO ('" + day.plusDays(1) + "T00:00:00Z')",
                    statement -> statement.execute()));
        } catch (RuntimeException e) {
            // Rows of that day already sit in the default partition (its clock ran ahead); they stay there.
            LOG.warn("could not create result partition {}: {}", name, e.getMessage());
        }
    }

    private void dropExpiredPartitions() {
        LocalDate oldestKept = LocalDate.ofInstant(clock.instant().minus(configuration.rawRetention()), ZoneOffset.UTC);
        for (String name : partitions()) {
            LocalDate day = LocalDate.parse(name.substring("check_result_".length()), SUFFIX);
            if (day.isBefore(oldestKept)) {
                transactions.executeWrite(status -> jdbc.prepareStatement("DROP TABLE " + name, statement -> statement.execute()));
                LOG.info("dropped result partition {} (older than {})", name, configuration.rawRetention());
            }
        }
    }

    private List<String> partitions() {
        return transactions.executeRead(status -> jdbc.prepareStatement("""
                SELECT child.relname FROM pg_inherits i
                JOIN pg_class child ON child.oid = i.inhrelid JOIN pg_class parent ON parent.oid = i.inhparent
                WHERE parent.relname = 'check_result' AND child.relname ~ '^check_result_[0-9]{8}$'""", statement -> {
            List<String> names = new ArrayList<>();
            try (ResultSet rows = statement.executeQuery()) {
                while (rows.next()) {
                    names.add(rows.getString(1));
                }
            }
            return names;
        }));
    }

    /** Deletes what is older than {@code age} by this application's clock, as partitions are judged. */
    private void execute(String sql, Duration age) {
        transactions.executeWrite(status -> jdbc.prepareStatement(sql, statement -> {
            statement.setObject(1, clock.instant().minus(age).atOffset(ZoneOffset.UTC));
            return statement.executeUpdate();
        }));
    }
}
