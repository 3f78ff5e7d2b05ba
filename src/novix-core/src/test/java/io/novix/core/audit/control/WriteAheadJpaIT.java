package io.novix.core.audit.control;

import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.InferenceDetail;
import io.novix.core.audit.entity.Outcome;
import io.novix.core.audit.entity.Phase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.math.BigDecimal;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Write-ahead audit on a real PostgreSQL: admissions left without an outcome by a writer that ended
 * get exactly one OUTCOME_UNKNOWN outcome — at once for the instance's own earlier run, after the
 * stale period for another instance, never for a writer that is alive — and the chains still verify.
 */
class WriteAheadJpaIT {

    private static EmbeddedPostgres pg;
    private static DataSource ds;
    private static final UUID TENANT = UUID.randomUUID();

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
    void aRestartedInstanceClosesItsEarlierRunsOpenAdmissionsOnceAndTheChainsVerify() throws Exception {
        String run = "run-" + UUID.randomUUID();
        AuditWriter before = writer("node-a");
        try {
            commit(before, admission(run + "-1"), admission(run + "-2"), admission(run + "-3"));
            commit(before, outcome(run + "-2")); // only the second call's outcome made it before the crash
        } finally {
            before.stop();
        }
        AuditWriter after = writer("node-a"); // the same server, started again
        try {
            assertEquals(2, round(after, Duration.ofMinutes(2)), "the earlier run's two open admissions");
            assertEquals(0, round(after, Duration.ofMinutes(2)), "a closed chain is not closed twice");
        } finally {
            after.stop();
        }
        List<Map<String, Object>> outcomes = rows("SELECT request_id, outcome, error_code, cost_usd, reserved_usd, data_classification "
                + "FROM audit_record WHERE request_id LIKE ? AND phase = 'OUTCOME' ORDER BY request_id", run + "%");
        assertEquals(3, outcomes.size(), "every admitted call has exactly one outcome");
        assertEquals("OUTCOME_UNKNOWN", outcomes.get(0).get("outcome"));
        assertEquals("outcome_unknown", outcomes.get(0).get("error_code"));
        assertEquals(0, new BigDecimal("0.5").compareTo((BigDecimal) outcomes.get(0).get("cost_usd")),
                "an unknown outcome is charged what the call reserved");
        assertEquals("confidential", outcomes.get(0).get("data_classification"));
        assertEquals("SUCCESS", outcomes.get(1).get("outcome"));
        assertEquals("OUTCOME_UNKNOWN", outcomes.get(2).get("outcome"));
        assertTrue(rows("SELECT 1 FROM audit_open_admissions WHERE request_id LIKE ?", run + "%").isEmpty());
        try (Connection c = ds.getConnection()) {
            ChainVerifier.Result verified = ChainVerifier.verify(c, Map.of());
            assertTrue(verified.verified(), () -> "chains verify: " + verified.firstFailure());
        }
    }

    @Test
    void anotherInstancesChainIsClosedOnlyOnceItStoppedBeating() throws Exception {
        String run = "other-" + UUID.randomUUID();
        AuditWriter other = writer("node-x");
        AuditWriter me = writer("node-m");
        try {
            round(other, Duration.ofMinutes(2)); // node-x beats: it is alive
            commit(other, admission(run + "-1"));
            assertEquals(0, round(me, Duration.ofMinutes(2)), "a live writer's calls are in flight, not lost");
            assertEquals(1, rows("SELECT 1 FROM audit_open_admissions WHERE request_id LIKE ?", run + "%").size());
            try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(
                    "UPDATE audit_writer_beat SET beat_at = now() - interval '10 minutes' WHERE chain_id = ?")) {
                p.setObject(1, other.chainId(), java.sql.Types.OTHER); // node-x crashed ten minutes ago
                p.executeUpdate();
            }
            assertEquals(1, round(me, Duration.ofMinutes(2)));
            assertTrue(rows("SELECT 1 FROM audit_open_admissions WHERE request_id LIKE ?", run + "%").isEmpty());
            assertEquals("node-m", rows("SELECT reconciled_by FROM audit_chain_reconciled WHERE chain_id = ?::uuid",
                    other.chainId().toString()).get(0).get("reconciled_by"));
        } finally {
            other.stop();
            me.stop();
        }
    }

    @Test
    void anOutcomeAppendedLaterDoesNotWakeTheWriterAndRidesWithTheNextEntry() throws Exception {
        String run = "later-" + UUID.randomUUID();
        AuditWriter writer = writer("node-l", w -> {
            w.laterWaitMs = 60_000; // a busy writer that would look for later entries only after a minute
            w.dozeAfterNanos = Long.MAX_VALUE;
        });
        try {
            CompletableFuture<Void> later = writer.appendLater(outcome(run + "-1"));
            assertThrows(java.util.concurrent.TimeoutException.class, () -> later.get(300, TimeUnit.MILLISECONDS),
                    "an entry appended later does not wake the writer");
            long before = writer.commits();
            writer.append(admission(run + "-2")).get(30, TimeUnit.SECONDS);
            later.get(30, TimeUnit.SECONDS);
            assertEquals(before + 1, writer.commits(), "both entries in one commit");
            CompletableFuture<Void> atStop = writer.appendLater(outcome(run + "-3"));
            writer.stop();
            atStop.get(30, TimeUnit.SECONDS);
        } finally {
            writer.stop();
        }
        assertEquals(3, rows("SELECT 1 FROM audit_record WHERE request_id LIKE ?", run + "%").size(), "nothing lost at stop");
    }

    @Test
    void anOutcomeAppendedLaterIsTakenByABusyWriterOnItsOwnAndADozingWriterIsWokenForIt() throws Exception {
        String run = "alone-" + UUID.randomUUID();
        AuditWriter busy = writer("node-b", w -> w.dozeAfterNanos = Long.MAX_VALUE); // looks every 10 ms
        AuditWriter dozing = writer("node-d", w -> {
            w.dozeAfterNanos = 0; // dozes whenever idle, in polls of a minute: only the wake-up brings it back in time
            w.dozeWaitMs = 60_000;
        });
        try {
            busy.appendLater(outcome(run + "-1")).get(30, TimeUnit.SECONDS);
            dozing.appendLater(outcome(run + "-2")).get(10, TimeUnit.SECONDS);
            dozing.appendLater(outcome(run + "-3")).get(10, TimeUnit.SECONDS);
        } finally {
            busy.stop();
            dozing.stop();
        }
        assertEquals(3, rows("SELECT 1 FROM audit_record WHERE request_id LIKE ?", run + "%").size());
    }

    private static int round(AuditWriter writer, Duration staleAfter) throws Exception {
        try (Connection c = ds.getConnection()) {
            OpenAdmissions open = new OpenAdmissions(c, writer);
            open.beat();
            return open.closeEndedChains(staleAfter);
        }
    }

    private static AuditWriter writer(String instance) {
        return writer(instance, w -> { });
    }

    private static AuditWriter writer(String instance, java.util.function.Consumer<AuditWriter> tuned) {
        AuditWriter writer = new AuditWriter();
        tuned.accept(writer);
        writer.dataSource = ds;
        writer.threads = new DaemonThreads();
        writer.capacity = 1000;
        writer.maxBatch = 100;
        writer.writeAttempts = 3;
        writer.instanceId = instance;
        writer.start();
        return writer;
    }

    private static void commit(AuditWriter writer, AuditEntry... entries) throws Exception {
        List<CompletableFuture<Void>> commits = new ArrayList<>();
        for (AuditEntry e : entries) {
            commits.add(writer.append(e));
        }
        CompletableFuture.allOf(commits.toArray(CompletableFuture[]::new)).get(30, TimeUnit.SECONDS);
    }

    private static AuditEntry admission(String requestId) {
        return call(requestId, Outcome.ADMITTED, 0, Phase.ADMISSION, null);
    }

    private static AuditEntry outcome(String requestId) {
        return call(requestId, Outcome.SUCCESS, 200, Phase.OUTCOME, new BigDecimal("0.01"));
    }

    private static AuditEntry call(String requestId, Outcome outcome, int status, Phase phase, BigDecimal cost) {
        InferenceDetail detail = new InferenceDetail("text-generation", null, "eu-west", false, null, null, null, null, cost,
                "tier=STANDARD", phase, UUID.randomUUID(), "confidential", new BigDecimal("0.5"), null);
        return new AuditEntry(Instant.now(), requestId, TENANT, "token:t", "inference.chat", "org/m", outcome, status, null, 1,
                0, 0, 0, null, detail, null, 1, "10.0.0.1");
    }

    private static List<Map<String, Object>> rows(String sql, Object... params) throws Exception {
        List<Map<String, Object>> out = new ArrayList<>();
        try (Connection c = ds.getConnection(); PreparedStatement p = c.prepareStatement(sql)) {
            for (int i = 0; i < params.length; i++) {
                p.setObject(i + 1, params[i]);
            }
            try (ResultSet rs = p.executeQuery()) {
                while (rs.next()) {
                    Map<String, Object> row = new java.util.HashMap<>();
                    for (int i = 1; i <= rs.getMetaData().getColumnCount(); i++) {
                        row.put(rs.getMetaData().getColumnLabel(i), rs.getObject(i));
                    }
                    out.add(row);
                }
            }
        }
        return out;
    }
}
