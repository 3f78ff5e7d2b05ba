package io.novix.core.audit.control;

import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.InferenceDetail;
import io.novix.core.audit.entity.Outcome;
import io.novix.core.audit.entity.Phase;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Admissions left without an outcome by a writer that ended, and their closing: one round, under a
 * database-wide advisory lock (so two instances never close the same chain twice), on one connection.
 */
public final class OpenAdmissions {

    /** Per chain and round; a chain with more is finished in the next rounds. */
    static final int LIMIT = 5_000;
    public static final String UNKNOWN_CODE = "outcome_unknown";
    private static final long LOCK = 0x4e6f766978_52L; // "Novix" R(econcile)

    private final Connection c;
    private final AuditWriter writer;

    public OpenAdmissions(Connection c, AuditWriter writer) {
        this.c = c;
        this.writer = writer;
    }

    /** This writer's chain is alive (database time, so instances' clocks need not agree). */
    public void beat() throws SQLException {
        try (PreparedStatement beat = c.prepareStatement("INSERT INTO audit_writer_beat (chain_id, instance_id, beat_at) "
                + "VALUES (?, ?, now()) ON CONFLICT (chain_id) DO UPDATE SET beat_at = now()")) {
            beat.setObject(1, writer.chainId(), Types.OTHER);
            beat.setString(2, writer.instance());
            beat.executeUpdate();
        }
    }

    /** Closes every ended chain not closed yet; the number of OUTCOME_UNKNOWN entries written. */
    public int closeEndedChains(Duration staleAfter) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            if (!locked()) {
                c.rollback();
                return 0;
            }
            int written = 0;
            for (UUID chain : endedChains(staleAfter)) {
                List<AuditEntry> unknown = open(chain);
                await(unknown);
                written += unknown.size();
                if (unknown.size() < LIMIT) {
                    closed(chain, unknown.size());
                }
            }
            c.commit();
            return written;
        } catch (SQLException | RuntimeException e) {
            c.rollback();
            throw e;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private boolean locked() throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT pg_try_advisory_xact_lock(?)")) {
            q.setLong(1, LOCK);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() && rs.getBoolean(1);
            }
        }
    }

    /**
     * Chains not closed yet whose writer ended: this instance's earlier runs (one run of an instance at
     * a time), and chains nobody has beaten for {@code staleAfter} (a crashed instance that stays away).
     */
    List<UUID> endedChains(Duration staleAfter) throws SQLException {
        List<UUID> chains = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT k.chain_id FROM audit_chain k WHERE k.chain_id <> ? "
                + "AND NOT EXISTS (SELECT 1 FROM audit_chain_reconciled r WHERE r.chain_id = k.chain_id) "
                + "AND (k.instance_id = ? OR coalesce((SELECT b.beat_at FROM audit_writer_beat b WHERE b.chain_id = k.chain_id), "
                + "k.started_at) < now() - make_interval(secs => ?)) ORDER BY k.started_at")) {
            q.setObject(1, writer.chainId(), Types.OTHER);
            q.setString(2, writer.instance());
            q.setDouble(3, staleAfter.toMillis() / 1000.0);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    chains.add(rs.getObject(1, UUID.class));
                }
            }
        }
        return chains;
    }

    /** The chain's admissions without an outcome, as the OUTCOME_UNKNOWN entries that close them. */
    List<AuditEntry> open(UUID chain) throws SQLException {
        List<AuditEntry> entries = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT a.occurred_at, a.request_id, a.tenant_id, a.principal, a.action, "
                + "a.target, a.task, a.region, a.redactions, a.policy_verdict, a.credential_id, a.data_classification, "
                + "a.reserved_usd, a.client_request_id, a.client_address FROM audit_record a "
                + "WHERE a.chain_id = ? AND a.phase = 'ADMISSION' AND NOT EXISTS (SELECT 1 FROM audit_record o "
                + "WHERE o.request_id = a.request_id AND o.phase = 'OUTCOME') ORDER BY a.chain_seq LIMIT " + LIMIT)) {
            q.setObject(1, chain, Types.OTHER);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    entries.add(unknown(rs));
                }
            }
        }
        return entries;
    }

    /**
     * How the call ended is unknown; conservatively it cost what it reserved (the limit ledger kept
     * that reservation too: a lease taken is never given back by a writer that died).
     */
    private static AuditEntry unknown(ResultSet rs) throws SQLException {
        InferenceDetail detail = new InferenceDetail(rs.getString(7), null, rs.getString(8), false, null, null, null,
                rs.getString(9), rs.getBigDecimal(13), rs.getString(10), Phase.OUTCOME, rs.getObject(11, UUID.class),
                rs.getString(12), rs.getBigDecimal(13), rs.getString(14));
        return new AuditEntry(rs.getObject(1, OffsetDateTime.class).toInstant(), rs.getString(2), rs.getObject(3, UUID.class),
                rs.getString(4), rs.getString(5), rs.getString(6), Outcome.OUTCOME_UNKNOWN, 0, UNKNOWN_CODE, 0, 0, 0, 0, null,
                detail, null, 1, rs.getString(15));
    }

    /** Written through this instance's writer (chained like any entry); the lock is held until they are committed. */
    private void await(List<AuditEntry> entries) {
        if (entries.isEmpty()) {
            return;
        }
        CompletableFuture<?>[] commits = entries.stream().map(writer::append).toArray(CompletableFuture[]::new);
        try {
            CompletableFuture.allOf(commits).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while OUTCOME_UNKNOWN entries were committed", e);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("OUTCOME_UNKNOWN entries not committed: " + e.getMessage(), e);
        }
    }

    private void closed(UUID chain, int count) throws SQLException {
        try (PreparedStatement insert = c.prepareStatement("INSERT INTO audit_chain_reconciled (chain_id, reconciled_at, "
                + "open_admissions, reconciled_by) VALUES (?, now(), ?, ?)")) {
            insert.setObject(1, chain, Types.OTHER);
            insert.setInt(2, count);
            insert.setString(3, writer.instance());
            insert.executeUpdate();
        }
    }
}
