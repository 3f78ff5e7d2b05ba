package io.novix.core.audit.boundary;

import io.novix.audit.proof.RowFormat;
import io.novix.core.audit.control.ChainVerifier;
import jakarta.annotation.Resource;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import jakarta.json.JsonObjectBuilder;

import javax.sql.DataSource;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static io.novix.hf.JsonBytes.JSON;

/**
 * A tenant's audit rows for a period, streamed (a database cursor, constant memory) with what an
 * offline verifier needs: per chain an anchor (the hash before the first row exported), every
 * entry up to the first checkpoint after the tenant's last one — the tenant's own rows in full,
 * everyone else's by content digest only — and the chain's signed checkpoints; the published keys
 * first. NDJSON, one object per line ({@code type}: export, key, anchor, row, proof, checkpoint,
 * end); CSV carries the same records under one header.
 */
@OneInstance
public class AuditExport {

    public enum Format { NDJSON, CSV }

    private static final int FETCH = 500;

    @Resource(lookup = "jdbc/novix")
    DataSource dataSource;

    @Inject
    AuditIntegrity integrity;

    private record Span(UUID chain, long from, long to) {
    }

    /** {@code tenant} null: every tenant's rows (a month's archive, GET /admin/audit/partitions/{m}/export); the rows written. */
    public long write(UUID tenant, Instant from, Instant to, Format format, OutputStream target) throws IOException {
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(target, StandardCharsets.UTF_8), 64 * 1024);
        Lines lines = format == Format.NDJSON ? new Lines.Ndjson(out) : new Lines.Csv(out);
        try (Connection c = dataSource.getConnection()) {
            c.setAutoCommit(false); // a cursor, not the whole result in memory
            c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ); // one snapshot for the whole export
            lines.put(JSON.createObjectBuilder().add("type", "export").add("format", "novix-audit-export-v1")
                    .add("tenantId", tenant == null ? "*" : tenant.toString()).add("from", from.toString()).add("to", to.toString())
                    .add("generatedAt", Instant.now().toString()));
            for (Map.Entry<String, String> key : integrity.publicKeys().entrySet()) {
                lines.put(JSON.createObjectBuilder().add("type", "key").add("keyId", key.getKey()).add("publicKey", key.getValue()));
            }
            long rows = 0;
            long proofs = 0;
            for (Span span : spans(c, tenant, from, to)) {
                lines.put(JSON.createObjectBuilder().add("type", "anchor").add("chainId", span.chain().toString())
                        .add("seq", span.from() - 1).add("entryHash", HexFormat.of().formatHex(anchor(c, span))));
                try (PreparedStatement q = c.prepareStatement("SELECT " + ChainVerifier.COLUMNS + " FROM audit_record "
                        + "WHERE chain_id = ? AND chain_seq BETWEEN ? AND ? ORDER BY chain_seq, id")) {
                    q.setObject(1, span.chain(), Types.OTHER);
                    q.setLong(2, span.from());
                    q.setLong(3, span.to());
                    q.setFetchSize(FETCH);
                    try (ResultSet rs = q.executeQuery()) {
                        while (rs.next()) {
                            ChainVerifier.Row r = ChainVerifier.Row.read(rs);
                            Instant at = r.content().occurredAt();
                            boolean disclosed = (tenant == null || tenant.equals(r.content().tenantId())) && !at.isBefore(from) && at.isBefore(to);
                            lines.put(disclosed ? row(r) : proof(r));
                            rows += disclosed ? 1 : 0;
                            proofs += disclosed ? 0 : 1;
                        }
                    }
                }
                checkpoints(c, span.chain(), lines);
            }
            lines.put(JSON.createObjectBuilder().add("type", "end").add("rows", rows).add("proofs", proofs));
            c.rollback();
            out.flush();
            return rows;
        } catch (SQLException e) {
            throw new AuditUnavailable("the audit trail cannot be read for export", e);
        } catch (UncheckedIOException e) {
            throw e.getCause();
        }
    }

    /** Each chain with the tenant's rows in the period: from its first such entry to the checkpoint that covers its last. */
    private static List<Span> spans(Connection c, UUID tenant, Instant from, Instant to) throws SQLException {
        List<Span> spans = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT r.chain_id, min(r.chain_seq), max(r.chain_seq), "
                + "(SELECT min(k.chain_seq) FROM audit_checkpoint k WHERE k.chain_id = r.chain_id AND k.chain_seq >= max(r.chain_seq)) "
                + "FROM audit_record r WHERE (r.tenant_id = ? OR ?) AND r.occurred_at >= ? AND r.occurred_at < ? AND r.chain_id IS NOT NULL "
                + "GROUP BY r.chain_id ORDER BY r.chain_id")) {
            q.setObject(1, tenant, Types.OTHER);
            q.setBoolean(2, tenant == null);
            q.setObject(3, from.atOffset(ZoneOffset.UTC));
            q.setObject(4, to.atOffset(ZoneOffset.UTC));
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    long covered = rs.getObject(4) == null ? rs.getLong(3) : rs.getLong(4);
                    spans.add(new Span(rs.getObject(1, UUID.class), rs.getLong(2), covered));
                }
            }
        }
        return spans;
    }

    private static byte[] anchor(Connection c, Span span) throws SQLException {
        if (span.from() == 1) {
            return RowFormat.GENESIS;
        }
        try (PreparedStatement q = c.prepareStatement("SELECT entry_hash FROM audit_record WHERE chain_id = ? AND chain_seq = ?")) {
            q.setObject(1, span.chain(), Types.OTHER);
            q.setLong(2, span.from() - 1);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? rs.getBytes(1) : RowFormat.GENESIS; // a deleted predecessor: the chain will not verify
            }
        }
    }

    private static void checkpoints(Connection c, UUID chain, Lines lines) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT chain_seq, head_hash, signed_at, key_id, signature FROM audit_checkpoint "
                + "WHERE chain_id = ? ORDER BY id")) {
            q.setObject(1, chain, Types.OTHER);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    lines.put(JSON.createObjectBuilder().add("type", "checkpoint").add("chainId", chain.toString())
                            .add("seq", rs.getLong(1)).add("headHash", HexFormat.of().formatHex(rs.getBytes(2)))
                            .add("signedAtMicros", ChronoUnit.MICROS.between(Instant.EPOCH, rs.getObject(3, OffsetDateTime.class).toInstant()))
                            .add("keyId", rs.getString(4)).add("signature", HexFormat.of().formatHex(rs.getBytes(5))));
                }
            }
        }
    }

    private static JsonObjectBuilder row(ChainVerifier.Row r) {
        JsonObjectBuilder b = JSON.createObjectBuilder().add("type", "row");
        Object[] values = r.content().values();
        for (int i = 0; i < values.length; i++) {
            String name = RowFormat.FIELDS.get(i).name();
            Object v = values[i];
            if (v == null) {
                b.addNull(name);
            } else if (v instanceof byte[] bytes) {
                b.add(name, Base64.getEncoder().encodeToString(bytes));
            } else if (v instanceof Boolean flag) {
                b.add(name, flag);
            } else if (v instanceof Number number) {
                b.add(name, number.longValue());
            } else {
                b.add(name, v.toString());
            }
        }
        return b.add("occurredAt", r.content().occurredAt().toString()).add("entryHash", HexFormat.of().formatHex(r.stored()));
    }

    private static JsonObjectBuilder proof(ChainVerifier.Row r) {
        return JSON.createObjectBuilder().add("type", "proof").add("chainId", r.content().chainId().toString()).add("seq", r.seq())
                .add("contentDigest", HexFormat.of().formatHex(r.content().contentDigest()))
                .add("entryHash", HexFormat.of().formatHex(r.stored()));
    }
}
