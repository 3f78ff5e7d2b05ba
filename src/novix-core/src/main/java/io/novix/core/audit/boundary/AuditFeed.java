package io.novix.core.audit.boundary;

import io.novix.core.audit.control.ChainVerifier;
import io.novix.core.audit.entity.FeedEntry;
import jakarta.annotation.Resource;
import io.novix.core.kernel.OneInstance;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/** The audit trail read in chain order, for forwarders (the SIEM): what follows a position in a chain. */
@OneInstance
public class AuditFeed {

    @Resource(lookup = "jdbc/novix")
    DataSource dataSource;

    /** At most {@code limit} entries of {@code chain} after sequence number {@code after}, in order. */
    public List<FeedEntry> after(UUID chain, long after, int limit) {
        List<FeedEntry> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT " + ChainVerifier.COLUMNS + " FROM audit_record "
                     + "WHERE chain_id = ? AND chain_seq > ? ORDER BY chain_seq LIMIT ?")) {
            q.setObject(1, chain, Types.OTHER);
            q.setLong(2, after);
            q.setInt(3, limit);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    ChainVerifier.Row row = ChainVerifier.Row.read(rs);
                    out.add(new FeedEntry(row.id(), row.content(), row.stored()));
                }
            }
        } catch (SQLException e) {
            throw new AuditUnavailable("the audit trail cannot be read: " + e.getMessage(), e);
        }
        return out;
    }
}
