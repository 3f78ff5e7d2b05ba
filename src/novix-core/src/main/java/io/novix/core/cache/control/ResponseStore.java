package io.novix.core.cache.control;

import io.novix.core.cache.entity.CacheKey;
import io.novix.core.keys.entity.Sealed;
import jakarta.annotation.Resource;
import io.novix.core.kernel.OneInstance;
import jakarta.transaction.Transactional;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.sql.Types;
import java.time.Instant;
import java.util.Optional;

/**
 * The response_cache rows every instance shares: sealed answers by tenant and key, until they expire.
 * Its connections are unshareable and outside any global transaction, as {@code LimitLedger}'s and for
 * the same reason: back to the pool on close, not parked with a request that waits for its answer.
 */
@OneInstance
@Transactional(Transactional.TxType.NOT_SUPPORTED)
public class ResponseStore {

    @Resource(lookup = "jdbc/novix", shareable = false)
    DataSource dataSource;

    /** A stored row, its answer still sealed. */
    public record Row(String model, Sealed answer, long tokensIn, long tokensOut, BigDecimal costUsd, Instant storedAt,
                      Instant expiresAt) {
    }

    public Optional<Row> find(CacheKey key) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT model, answer_sealed, data_key_version, tokens_in, tokens_out, "
                     + "cost_usd, stored_at, expires_at FROM response_cache WHERE tenant_id = ? AND cache_key = ? AND expires_at > now()")) {
            q.setObject(1, key.tenant(), Types.OTHER);
            q.setString(2, key.hash());
            try (ResultSet rs = q.executeQuery()) {
                if (!rs.next()) {
                    return Optional.empty();
                }
                return Optional.of(new Row(rs.getString(1), new Sealed(rs.getInt(3), rs.getBytes(2)), rs.getLong(4), rs.getLong(5),
                        rs.getBigDecimal(6), rs.getTimestamp(7).toInstant(), rs.getTimestamp(8).toInstant()));
            }
        }
    }

    /** Stores (or replaces) an answer; the newest answer to a request wins. */
    public void put(CacheKey key, Row row) throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement u = c.prepareStatement("INSERT INTO response_cache (tenant_id, cache_key, model, answer_sealed, "
                     + "data_key_version, tokens_in, tokens_out, cost_usd, stored_at, expires_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?) "
                     + "ON CONFLICT (tenant_id, cache_key) DO UPDATE SET model = EXCLUDED.model, answer_sealed = EXCLUDED.answer_sealed, "
                     + "data_key_version = EXCLUDED.data_key_version, tokens_in = EXCLUDED.tokens_in, tokens_out = EXCLUDED.tokens_out, "
                     + "cost_usd = EXCLUDED.cost_usd, stored_at = EXCLUDED.stored_at, expires_at = EXCLUDED.expires_at")) {
            u.setObject(1, key.tenant(), Types.OTHER);
            u.setString(2, key.hash());
            u.setString(3, row.model());
            u.setBytes(4, row.answer().bytes());
            u.setInt(5, row.answer().keyVersion());
            u.setInt(6, (int) Math.min(Integer.MAX_VALUE, row.tokensIn()));
            u.setInt(7, (int) Math.min(Integer.MAX_VALUE, row.tokensOut()));
            u.setBigDecimal(8, row.costUsd());
            u.setTimestamp(9, Timestamp.from(row.storedAt()));
            u.setTimestamp(10, Timestamp.from(row.expiresAt()));
            u.executeUpdate();
        }
    }

    /** Removes expired answers; how many. */
    public int purgeExpired() throws SQLException {
        try (Connection c = dataSource.getConnection();
             PreparedStatement d = c.prepareStatement("DELETE FROM response_cache WHERE expires_at <= now()")) {
            return d.executeUpdate();
        }
    }
}
