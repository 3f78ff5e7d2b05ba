package io.novix.core.audit.control;

import io.novix.core.audit.entity.AdminChange;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.InferenceDetail;
import io.novix.core.audit.entity.Outcome;
import io.novix.core.identity.entity.Principal;
import io.novix.core.keys.entity.Sealed;
import io.novix.core.tenant.entity.TenantId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The audit batch goes in through COPY on a PostgreSQL connection and as INSERTs otherwise: the same
 * entries, the awkward ones included (COPY's own escapes, line breaks, JSON with backslashes, bytes,
 * Unicode), are stored alike either way, read back as written, and both chains verify.
 */
class AuditCopyJpaIT {

    private static final String AWKWARD = "tab\there, line\nbreak, cr\rreturn, back\\slash, \\N, \\.\n\\., ünï 🔐 \u00a0end";

    private static EmbeddedPostgres pg;
    private static DataSource ds;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        ds = pg.getPostgresDatabase();
        Flyway.configure().dataSource(ds).locations("classpath:db/migration").load().migrate();
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    @Test
    void copyAndInsertStoreTheSameRowsAndBothChainsVerify() throws Exception {
        List<AuditEntry> entries = entries();
        ChainCursor copied = new ChainCursor(UUID.randomUUID());
        ChainCursor inserted = new ChainCursor(UUID.randomUUID());
        try (Connection c = ds.getConnection()) {
            assertTrue(c.isWrapperFor(PGConnection.class), "this connection takes the COPY way");
            AuditBatch.write(c, List.of(), copied, "copy", null); // registers the chain
            AuditBatch.copy(c.unwrap(PGConnection.class), entries, copied); // COPY alone: no fallback to rescue a wrong line
            assertEquals(AuditBatch.Written.ALL, AuditBatch.write(Forwarding.except(c, "isWrapperFor", false), entries, inserted, "insert", null));

            List<List<Object>> viaCopy = rows(c, copied.id());
            List<List<Object>> viaInsert = rows(c, inserted.id());
            assertEquals(entries.size(), viaCopy.size());
            assertEquals(viaInsert, viaCopy);

            try (PreparedStatement q = c.prepareStatement("SELECT principal, target, before_state::text, after_state->>'note', "
                    + "change_sealed, cost_usd FROM audit_record WHERE chain_id = ? AND request_id = 'awkward-admin'")) {
                q.setObject(1, copied.id(), Types.OTHER);
                try (ResultSet rs = q.executeQuery()) {
                    assertTrue(rs.next());
                    AuditEntry admin = entries.get(1); // as the entry keeps them (it replaces control characters there)
                    assertEquals(admin.principal(), rs.getString(1));
                    assertEquals(admin.target(), rs.getString(2));
                    assertEquals("{\"path\": \"C:\\\\temp\\\\x\", \"quote\": \"\\\"q\\\"\"}", rs.getString(3));
                    assertEquals(AWKWARD, rs.getString(4));
                    assertArrayEquals(new byte[]{0, 9, 10, 13, 92, (byte) 0xff}, rs.getBytes(5));
                }
            }
            try (PreparedStatement q = c.prepareStatement("SELECT endpoint, redactions, tokens_in, cost_usd FROM audit_record "
                    + "WHERE chain_id = ? AND request_id = 'awkward-call'")) {
                q.setObject(1, copied.id(), Types.OTHER);
                try (ResultSet rs = q.executeQuery()) {
                    assertTrue(rs.next());
                    assertEquals(entries.get(0).detail().endpoint(), rs.getString(1));
                    assertEquals(entries.get(0).detail().redactions(), rs.getString(2));
                    assertEquals(Integer.MAX_VALUE, rs.getInt(3));
                    assertEquals(new BigDecimal("0.00001235"), rs.getBigDecimal(4));
                }
            }
            ChainVerifier.Result r = ChainVerifier.verify(c, Map.of());
            assertTrue(r.verified(), String.valueOf(r.firstFailure()));
            assertEquals(2L * entries.size(), r.checked());
        }
    }

    @Test
    void aRefusedEntryInACopiedBatchIsQuarantinedAndTheOthersAreWritten() throws Exception {
        ChainCursor chain = new ChainCursor(UUID.randomUUID());
        List<AuditEntry> entries = new ArrayList<>();
        while (entries.size() < AuditBatch.COPY_FROM) { // large enough a batch to go in with COPY
            entries.addAll(entries());
        }
        entries.add(2, AuditEntry.admin(Instant.now(), "half-json", null, Principal.token("adm_x"), "admin.policy.set", "p", 200,
                null, 2, null, new AdminChange("platform-admin", "{\"half\":", null, null)));
        try (Connection c = ds.getConnection()) {
            AuditBatch.Written written = AuditBatch.write(c, entries, chain, "copy", null);
            assertEquals(Map.of(2, "22P02"), written.quarantined());
            assertEquals(entries.size(), rows(c, chain.id()).size());
            ChainVerifier.Result r = ChainVerifier.verify(c, Map.of());
            assertTrue(r.verified(), String.valueOf(r.firstFailure()));
        }
    }

    private static List<AuditEntry> entries() {
        UUID tenant = UUID.randomUUID();
        Instant at = Instant.parse("2026-12-06T20:00:00Z"); // whole seconds: the instant's text has no fraction
        List<AuditEntry> all = new ArrayList<>();
        all.add(AuditEntry.inference(at, "awkward-call", TenantId.of(tenant), Principal.token(AWKWARD), UUID.randomUUID(),
                "inference.chat", AWKWARD, Outcome.SUCCESS, 200, null, 12, 3_000_000_000L, 7, 2,
                new InferenceDetail("chat-completion", "http://up/" + AWKWARD, "eu-west-1", true, "HALF_OPEN", "COMPLETE", 5,
                        "EMAIL=1\tPHONE=2\n", new BigDecimal("0.000012345678912"), "rpm=10000")));
        all.add(AuditEntry.admin(at.plusNanos(123_456_789), "awkward-admin", TenantId.of(tenant), Principal.token(AWKWARD),
                "admin.policy.set", AWKWARD, 200, null, 3, null, new AdminChange("tenant-admin",
                        "{\n\t\"path\": \"C:\\\\temp\\\\x\",\r\n\t\"quote\": \"\\\"q\\\"\"}", // JSON's white space: raw breaks
                        "{\"note\": \"" + AWKWARD.replace("\\", "\\\\").replace("\t", "\\t").replace("\n", "\\n").replace("\r", "\\r")
                                + "\"}",
                        new Sealed(3, new byte[]{0, 9, 10, 13, 92, (byte) 0xff}))));
        all.add(AuditEntry.denied(at.plusMillis(2), "denied", null, null, "inference.chat", "/v1/chat/completions", 401,
                "invalid_token", 1));
        return all;
    }

    /** Every stored column but the row id and the chain's own (id and hash), in chain order. */
    private static List<List<Object>> rows(Connection c, UUID chain) throws SQLException {
        List<List<Object>> rows = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT * FROM audit_record WHERE chain_id = ? ORDER BY chain_seq")) {
            q.setObject(1, chain, Types.OTHER);
            try (ResultSet rs = q.executeQuery()) {
                ResultSetMetaData meta = rs.getMetaData();
                while (rs.next()) {
                    List<Object> row = new ArrayList<>();
                    for (int i = 1; i <= meta.getColumnCount(); i++) {
                        String name = meta.getColumnName(i);
                        if (!List.of("id", "chain_id", "entry_hash").contains(name)) {
                            Object v = rs.getObject(i);
                            row.add(name + "=" + (v instanceof byte[] b ? Arrays.toString(b) : String.valueOf(v)));
                        }
                    }
                    rows.add(row);
                }
            }
        }
        return rows;
    }
}
