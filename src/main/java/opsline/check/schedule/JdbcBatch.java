package opsline.check.schedule;

import io.micronaut.data.jdbc.runtime.JdbcOperations;

import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.List;

/** One statement run for every item of a list, as a single JDBC batch in the current transaction. */
final class JdbcBatch {

    private JdbcBatch() {
    }

    @FunctionalInterface
    interface Binder<T> {
        void bind(PreparedStatement statement, T item) throws SQLException;
    }

    static <T> void run(JdbcOperations jdbc, String sql, List<T> items, Binder<T> binder) {
        if (items.isEmpty()) {
            return;
        }
        jdbc.prepareStatement(sql, statement -> {
            for (T item : items) {
                binder.bind(statement, item);
                statement.addBatch();
            }
            statement.executeBatch();
            return null;
        });
    }
}
