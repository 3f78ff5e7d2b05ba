package io.novix.core.kernel;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;

/**
 * Whether a failure is PostgreSQL being unreachable (refused or broken connections, the pool
 * waiting in vain, the server shutting down) rather than a bug: such a call is refused with
 * {@code 503 database_unavailable} and {@code Retry-After}, never answered 500, and the next calls
 * recover by themselves when the database is back.
 */
public final class DatabaseOutage {

    public static final String RETRY_AFTER_SECONDS = "5";

    private DatabaseOutage() {
    }

    public static boolean causedBy(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
            if (t instanceof SQLTransientConnectionException || t instanceof SQLNonTransientConnectionException) {
                return true;
            }
            if (t instanceof SQLException sql && sql.getSQLState() != null
                    && (sql.getSQLState().startsWith("08") || sql.getSQLState().startsWith("57P"))) {
                return true; // connection exception; admin shutdown, crash shutdown, cannot connect now
            }
            String type = t.getClass().getName();
            if (type.endsWith("JDBCConnectionException") || type.endsWith("LedgerUnavailable")) {
                return true;
            }
        }
        return false;
    }

    /** The answer to a call that met the outage. */
    public static Reply reply(String requestId) {
        return Reply.error(ErrorCode.DATABASE_UNAVAILABLE, "the database is unavailable; nothing was done, retry later", null,
                requestId, java.util.Map.of("Retry-After", RETRY_AFTER_SECONDS));
    }
}
