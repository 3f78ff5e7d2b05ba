package io.novix.core.audit.control;

import io.novix.core.audit.entity.AdminChange;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.InferenceDetail;
import io.novix.core.audit.entity.Outcome;
import io.novix.core.identity.entity.Principal;
import io.novix.core.keys.entity.Sealed;
import io.novix.core.tenant.entity.TenantId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
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
import java.sql.Statement;
import java.sql.Types;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hardening class 3 on a real PostgreSQL: extreme field values are stored, an entry the database
 * refuses is quarantined (still auditable) and raises the alarm, and nobody else's entry in the
 * same batch fails. A batch goes in with COPY or as INSERTs (AuditBatch): the same entries, COPY's
 * own escapes among them, are stored alike either way, and both chains verify.
 */
class AuditIsolationJpaIT {

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

    private static final String AWKWARD = "tab\there, line\nbreak, cr\rreturn, back\\slash, \\N, \\.\n\\., ünï 🔐 \u00a0end";
    /** Every kind of awkward text, in every free-text field. */
    private static final List<String> FUZZ = List.of("", " ", "x".repeat(10_000), "a\u0000b", "\u0000",
            "line\nforged INFO admin", "\u202eevil", "😀".repeat(3000), "e\u0301\u0301\u0301", "\uD800lone",
            "'; DROP TABLE audit_record; --", "{\"json\":true}", "ä½ å¥½", "\\u0000");

    @Test
    void extremeValuesAreStoredAndOneRefusedEntryIsQuarantinedAlone() throws Exception {
        String batch = "fuzz-" + UUID.randomUUID();
        List<AuditEntry> entries = new ArrayList<>();
        for (String s : FUZZ) {
            entries.add(entry(batch, s, s, "{\"name\":\"" + s.replace("\\", "\\\\").replace("\"", "\\\"")
                    .replace("\u0000", "\\u0000").replace("\n", "\\n") + "\"}"));
        }
        int broken = entries.size();
        assertTrue(entries.size() + 2 >= AuditBatch.COPY_FROM, "a batch that goes in with COPY, whose refusal falls back");
        entries.add(entry(batch, "ok", "/v1/x", "{\"half\":")); // not JSON: jsonb refuses it (22P02)
        entries.add(entry(batch, "after", "/v1/y", "{\"fine\":1}"));
        AuditBatch.Written written;
        try (Connection c = ds.getConnection()) {
            written = AuditBatch.write(c, entries);
        }
        assertEquals(Map.of(broken, "22P02"), written.quarantined());
        assertTrue(written.lost().isEmpty());
        Map<Boolean, Long> rows = rows(batch);
        assertEquals(entries.size() - 1L, rows.getOrDefault(false, 0L), "every other entry of the batch is stored whole");
        assertEquals(1L, rows.getOrDefault(true, 0L), "the refused entry is kept, quarantined");
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT principal, before_state, quarantine_reason FROM audit_record "
                     + "WHERE request_id = '" + batch + "' AND quarantined")) {
            assertTrue(rs.next());
            assertEquals("user:ok", rs.getString(1), "who acted survives quarantine");
            assertEquals(null, rs.getString(2), "the refused state is dropped");
            assertTrue(rs.getString(3).contains("22P02"));
        }
    }

    @Test
    void copyAndInsertStoreTheSameRowsAndBothChainsVerify() throws Exception {
        List<AuditEntry> entries = awkwardEntries();
        ChainCursor copied = new ChainCursor(UUID.randomUUID());
        ChainCursor inserted = new ChainCursor(UUID.randomUUID());
        try (Connection c = ds.getConnection()) {
            assertTrue(c.isWrapperFor(PGConnection.class), "this connection takes the COPY way");
            AuditBatch.write(c, List.of(), copied, "copy", null); // registers the chain
            AuditBatch.copy(c.unwrap(PGConnection.class), entries, copied); // COPY alone: no fallback to rescue a wrong line
            assertEquals(AuditBatch.Written.ALL, AuditBatch.write(Forwarding.except(c, "isWrapperFor", false), entries, inserted, "insert", null));

            List<List<Object>> viaCopy = stored(c, copied.id());
            List<List<Object>> viaInsert = stored(c, inserted.id());
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
            try (Statement s = c.createStatement();
                 ResultSet rs = s.executeQuery("SELECT count(*) FROM audit_record WHERE chain_id IS NOT NULL")) {
                rs.next();
                assertEquals(rs.getLong(1), r.checked(), "every chained row, these two chains' among them");
            }
        }
    }

    @Test
    void throughTheGroupCommitEveryOtherRequestSucceedsAndTheAlarmCounts() throws Exception {
        AuditWriter writer = new AuditWriter();
        writer.dataSource = ds;
        writer.threads = new DaemonThreads();
        writer.capacity = 10_000;
        writer.maxBatch = 1000;
        writer.writeAttempts = 3;
        String batch = "writer-" + UUID.randomUUID();
        List<CompletableFuture<Void>> futures = new ArrayList<>();
        List<AuditEntry> entries = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String fuzz = FUZZ.get(i % FUZZ.size());
            entries.add(entry(batch, fuzz, fuzz, i == 137 ? "not json at all" : "{\"i\":" + i + "}"));
        }
        // appended in one burst: the writer drains them in a few batches, one of which holds the bad entry
        writer.start();
        try {
            entries.forEach(e -> futures.add(writer.append(e)));
            for (CompletableFuture<Void> f : futures) {
                f.get(30, TimeUnit.SECONDS); // throws if any request's audit failed
            }
        } finally {
            writer.stop();
        }
        assertEquals(1, writer.quarantined());
        assertEquals(0, writer.lost());
        Map<Boolean, Long> rows = rows(batch);
        assertEquals(299L, rows.getOrDefault(false, 0L));
        assertEquals(1L, rows.getOrDefault(true, 0L));
        assertFalse(rows.containsKey(null));
    }

    private static AuditEntry entry(String requestId, String subject, String target, String after) {
        return AuditEntry.admin(Instant.now(), requestId, TenantId.of(UUID.randomUUID()), Principal.user(subject),
                "admin.tenant.update", target, 200, subject.isEmpty() ? null : subject, 3, null,
                new AdminChange("tenant-admin," + subject, null, after));
    }

    private static Map<Boolean, Long> rows(String requestId) throws Exception {
        Map<Boolean, Long> counts = new HashMap<>();
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT quarantined, count(*) FROM audit_record WHERE request_id = '"
                     + requestId + "' GROUP BY quarantined")) {
            while (rs.next()) {
                counts.put(rs.getBoolean(1), rs.getLong(2));
            }
        }
        return counts;
    }

    private static List<AuditEntry> awkwardEntries() {
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
    private static List<List<Object>> stored(Connection c, UUID chain) throws SQLException {
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

    /** The container's thread factory, as plain threads. */
}
