package io.novix.core.quota.control;

import jakarta.annotation.Resource;
import io.novix.core.kernel.OneInstance;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;
import java.time.ZoneOffset;

/**
 * The shared counters in PostgreSQL. A lease takes up to {@code want} of what is left under the
 * limit in one transaction (the counter row locked for its duration), so all instances together
 * never take more than the limit. Plain JDBC, one commit per lease, outside any caller's
 * transaction: a lease is valid whatever happens to the call that asked for it. The connection is
 * unshareable and no global transaction is joined, so it goes back to the pool when closed: a shareable
 * one would stay parked with the request until its end, and 40 callers waiting for their answers held
 * the whole pool while each needed one more connection (BatchingIT).
 */
@OneInstance
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class LimitLedger {

    private static final String CREATE = "INSERT INTO limit_counter (limit_key, period_start, used) VALUES (?, ?, 0) "
            + "ON CONFLICT (limit_key, period_start) DO NOTHING";
    private static final String LEASE = "WITH old AS (SELECT used FROM limit_counter WHERE limit_key = ? AND period_start = ? FOR UPDATE) "
            + "UPDATE limit_counter c SET used = old.used + LEAST(?, GREATEST(? - old.used, 0)) FROM old "
            + "WHERE c.limit_key = ? AND c.period_start = ? RETURNING c.used - old.used, c.used";
    private static final String ADD = "UPDATE limit_counter SET used = GREATEST(used + ?, 0) WHERE limit_key = ? AND period_start = ? "
            + "RETURNING used";

    @Resource(lookup = "jdbc/novix", shareable = false)
    DataSource dataSource;

    /** What a lease got: {@code granted} of what was asked, and the counter after it. */
    public record Grant(long granted, long used) {
    }

    public Grant lease(String key, Instant period, long want, long limit) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false);
            try {
                try (PreparedStatement create = c.prepareStatement(CREATE)) {
                    create.setString(1, key);
                    create.setObject(2, period.atOffset(ZoneOffset.UTC));
                    create.executeUpdate();
                }
                Grant g;
                try (PreparedStatement lease = c.prepareStatement(LEASE)) {
                    lease.setString(1, key);
                    lease.setObject(2, period.atOffset(ZoneOffset.UTC));
                    lease.setLong(3, want);
                    lease.setLong(4, limit);
                    lease.setString(5, key);
                    lease.setObject(6, period.atOffset(ZoneOffset.UTC));
                    try (ResultSet rs = lease.executeQuery()) {
                        rs.next();
                        g = new Grant(rs.getLong(1), rs.getLong(2));
                    }
                }
                c.commit();
                return g;
            } catch (SQLException | RuntimeException e) {
                c.rollback();
                throw e;
            }
        } catch (SQLException e) {
            throw new LedgerUnavailable(e);
        }
    }

    /**
     * Adds {@code delta} to the counter without a limit: negative to hand back what was leased and
     * not used, positive to charge what a call used beyond what it reserved.
     */
    public long add(String key, Instant period, long delta) {
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(true);
            try (PreparedStatement create = c.prepareStatement(CREATE)) {
                create.setString(1, key);
                create.setObject(2, period.atOffset(ZoneOffset.UTC));
                create.executeUpdate();
            }
            try (PreparedStatement add = c.prepareStatement(ADD)) {
                add.setLong(1, delta);
                add.setString(2, key);
                add.setObject(3, period.atOffset(ZoneOffset.UTC));
                try (ResultSet rs = add.executeQuery()) {
                    return rs.next() ? rs.getLong(1) : 0;
                }
            }
        } catch (SQLException e) {
            throw new LedgerUnavailable(e);
        }
    }

    /** The counter as it stands (0 when nobody took from it yet). */
    public long used(String key, Instant period) {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT used FROM limit_counter WHERE limit_key = ? AND period_start = ?")) {
            q.setString(1, key);
            q.setObject(2, period.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getLong(1) : 0;
            }
        } catch (SQLException e) {
            throw new LedgerUnavailable(e);
        }
    }

    /** PostgreSQL could not be asked: the call is refused rather than admitted unchecked. */
    public static final class LedgerUnavailable extends RuntimeException {
        LedgerUnavailable(SQLException cause) {
            super("the limit counters are unavailable", cause);
        }
    }
}
