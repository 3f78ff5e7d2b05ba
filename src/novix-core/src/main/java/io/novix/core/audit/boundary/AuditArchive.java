package io.novix.core.audit.boundary;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.NotFound;
import io.novix.core.tenant.boundary.Tenants;
import jakarta.annotation.Resource;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import javax.sql.DataSource;
import java.io.IOException;
import java.io.OutputStream;
import java.security.DigestOutputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * The trail's months as the platform sees them — which exist, how large, whether exported — their
 * archive export (every tenant's rows with the chain proofs, recorded in audit_archive with the
 * export's SHA-256, after which retention may drop the month), and tenants' legal holds.
 */
@OneInstance
public class AuditArchive {

    private static final Pattern MONTH = Pattern.compile("^audit_record_([0-9]{4})_([0-9]{2})$");

    @Resource(lookup = "jdbc/novix")
    DataSource dataSource;

    @Inject
    AuditExport export;

    @Inject
    Tenants tenants;

    public record Month(String partition, Instant from, Instant to, long estimatedRows, int exports, Instant lastExportedAt) {
    }

    public record Hold(long id, UUID tenantId, String reason, Instant placedAt, String placedBy, Instant releasedAt, String releasedBy) {
    }

    public List<Month> months() {
        List<Month> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection();
             PreparedStatement q = c.prepareStatement("SELECT p.relname, greatest(p.reltuples, 0)::bigint, "
                     + "(SELECT count(*) FROM audit_archive a WHERE a.partition_name = p.relname), "
                     + "(SELECT max(a.exported_at) FROM audit_archive a WHERE a.partition_name = p.relname) "
                     + "FROM pg_inherits i JOIN pg_class p ON p.oid = i.inhrelid WHERE i.inhparent = 'audit_record'::regclass "
                     + "ORDER BY p.relname");
             ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                LocalDate start = start(rs.getString(1));
                java.time.OffsetDateTime last = rs.getObject(4, java.time.OffsetDateTime.class);
                out.add(new Month(rs.getString(1), start.atStartOfDay().toInstant(ZoneOffset.UTC),
                        start.plusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC), rs.getLong(2), rs.getInt(3),
                        last == null ? null : last.toInstant()));
            }
        } catch (SQLException e) {
            throw new AuditUnavailable("the audit trail's months cannot be listed", e);
        }
        return out;
    }

    /** Streams the month's export and, once all of it was written, records it (rows and SHA-256). */
    public void export(String partition, String by, OutputStream target) throws IOException {
        LocalDate start = start(partition);
        if (months().stream().noneMatch(m -> m.partition().equals(partition))) {
            throw new NotFound(ErrorCode.NOT_FOUND, "no audit month " + partition);
        }
        MessageDigest sha;
        try {
            sha = MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        DigestOutputStream out = new DigestOutputStream(target, sha);
        long rows = export.write(null, start.atStartOfDay().toInstant(ZoneOffset.UTC),
                start.plusMonths(1).atStartOfDay().toInstant(ZoneOffset.UTC), AuditExport.Format.NDJSON, out);
        out.flush();
        try (Connection c = dataSource.getConnection(); PreparedStatement i = c.prepareStatement("INSERT INTO audit_archive "
                + "(partition_name, exported_at, exported_by, rows_exported, sha256) VALUES (?, now(), ?, ?, ?)")) {
            i.setString(1, partition);
            i.setString(2, by);
            i.setLong(3, rows);
            i.setBytes(4, sha.digest());
            i.executeUpdate();
        } catch (SQLException e) {
            throw new AuditUnavailable("the export was not recorded", e);
        }
    }

    public Hold place(UUID tenant, String reason, String by) {
        tenants.find(tenant);
        if (reason == null || reason.isBlank() || reason.length() > 300 || reason.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'reason' is 1 to 300 characters, no control characters", "reason");
        }
        try (Connection c = dataSource.getConnection(); PreparedStatement i = c.prepareStatement("INSERT INTO audit_legal_hold "
                + "(tenant_id, reason, placed_at, placed_by) VALUES (?, ?, now(), ?) RETURNING id")) {
            i.setObject(1, tenant, Types.OTHER);
            i.setString(2, reason.strip());
            i.setString(3, by);
            try (ResultSet rs = i.executeQuery()) {
                rs.next();
                long id = rs.getLong(1);
                return holds(tenant).stream().filter(h -> h.id() == id).findFirst().orElseThrow();
            }
        } catch (SQLException e) {
            throw new AuditUnavailable("the legal hold was not recorded", e);
        }
    }

    public Hold release(UUID tenant, long id, String by) {
        try (Connection c = dataSource.getConnection(); PreparedStatement u = c.prepareStatement("UPDATE audit_legal_hold "
                + "SET released_at = now(), released_by = ? WHERE id = ? AND tenant_id = ? AND released_at IS NULL")) {
            u.setString(1, by);
            u.setLong(2, id);
            u.setObject(3, tenant, Types.OTHER);
            if (u.executeUpdate() == 0) {
                throw new NotFound(ErrorCode.NOT_FOUND, "no active legal hold " + id + " on this tenant");
            }
        } catch (SQLException e) {
            throw new AuditUnavailable("the legal hold was not released", e);
        }
        return holds(tenant).stream().filter(h -> h.id() == id).findFirst().orElseThrow();
    }

    public List<Hold> holds(UUID tenant) {
        tenants.find(tenant);
        List<Hold> out = new ArrayList<>();
        try (Connection c = dataSource.getConnection(); PreparedStatement q = c.prepareStatement("SELECT id, tenant_id, reason, "
                + "placed_at, placed_by, released_at, released_by FROM audit_legal_hold WHERE tenant_id = ? ORDER BY id")) {
            q.setObject(1, tenant, Types.OTHER);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    java.time.OffsetDateTime released = rs.getObject(6, java.time.OffsetDateTime.class);
                    out.add(new Hold(rs.getLong(1), rs.getObject(2, UUID.class), rs.getString(3),
                            rs.getObject(4, java.time.OffsetDateTime.class).toInstant(), rs.getString(5),
                            released == null ? null : released.toInstant(), rs.getString(7)));
                }
            }
        } catch (SQLException e) {
            throw new AuditUnavailable("legal holds cannot be read", e);
        }
        return out;
    }

    private static LocalDate start(String partition) {
        var m = partition == null ? null : MONTH.matcher(partition);
        if (m == null || !m.matches()) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "a month is named audit_record_YYYY_MM", "partition");
        }
        return LocalDate.of(Integer.parseInt(m.group(1)), Integer.parseInt(m.group(2)), 1);
    }
}
