package io.novix.core.audit.control;

import io.novix.core.audit.entity.AdminChange;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.Outcome;
import io.novix.core.identity.entity.Principal;
import io.novix.core.tenant.entity.TenantId;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hardening class 3 on a real PostgreSQL: extreme field values are stored, an entry the database
 * refuses is quarantined (still auditable) and raises the alarm, and nobody else's entry in the
 * same batch fails.
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

    /** The container's thread factory, as plain threads. */
}
