package io.novix.core.audit.control;

import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.ChainedRow;

import org.postgresql.PGConnection;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Savepoint;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;

/** Writes many audit entries, and the last-used times of their tokens, in one transaction. */
final class AuditBatch {

    private static final String QUARANTINE = "INSERT INTO audit_record (occurred_at, request_id, tenant_id, principal, "
            + "action, outcome, http_status, error_code, latency_ms, tokens_in, tokens_out, upstream_attempts, "
            + "quarantined, quarantine_reason, occurrences, chain_id, chain_seq, entry_hash, phase) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, TRUE, ?, ?, ?, ?, ?, ?)";
    private static final String REGISTER = "INSERT INTO audit_chain (chain_id, started_at, writer, instance_id) VALUES (?, ?, ?, ?) "
            + "ON CONFLICT (chain_id) DO NOTHING";
    private static final String TOUCH = "UPDATE api_token SET last_used_at = ? WHERE id = ? "
            + "AND (last_used_at IS NULL OR last_used_at < ?)";

    private AuditBatch() {
    }

    /** Entries the database refused as written: kept in quarantined form, or (refused even so) lost. */
    record Written(Map<Integer, String> quarantined, Set<Integer> lost) {
        static final Written ALL = new Written(Map.of(), Set.of());
    }

    /**
     * Writes the batch in one transaction. When the database refuses the data of some entry, the
     * batch is written again entry by entry, each under a savepoint, so the refused entry cannot
     * take the others with it; it is recorded in quarantined form instead. Connection trouble is
     * thrown, and the caller retries the whole batch.
     */
    static Written write(Connection c, List<AuditEntry> entries) throws SQLException {
        return write(c, entries, new ChainCursor(UUID.randomUUID()), "batch");
    }

    /**
     * As {@link #write(Connection, List)}, each written entry linked to {@code chain} (sequence
     * number and hash, {@link ChainedRow}); on failure the chain is as it was before the batch.
     */
    static Written write(Connection c, List<AuditEntry> entries, ChainCursor chain, String writer) throws SQLException {
        return write(c, entries, chain, writer, null);
    }

    /** As above, touching only the tokens {@code touches} says are due (null: every token of the batch). */
    static Written write(Connection c, List<AuditEntry> entries, ChainCursor chain, String writer, TokenTouches touches)
            throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        ChainCursor.Mark start = chain.mark();
        try {
            register(c, chain, writer);
            Written written = Written.ALL;
            try {
                insertAll(c, entries, chain);
            } catch (SQLException e) {
                if (!refusedData(e)) {
                    throw e;
                }
                c.rollback();
                chain.reset(start);
                register(c, chain, writer); // rolled back with the rest
                written = oneByOne(c, entries, chain);
            }
            Map<UUID, Instant> touched = touchTokens(c, entries, touches);
            c.commit();
            chain.registered(true);
            if (touches != null) {
                touches.committed(touched);
            }
            return written;
        } catch (SQLException | RuntimeException ex) {
            c.rollback();
            chain.reset(start);
            throw ex;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    /** Batches of this many rows or more go in with COPY (on a PostgreSQL connection). */
    static final int COPY_FROM = 8;

    /** Whether a large enough batch goes in with COPY on this connection. */
    static boolean copies(Connection c) throws SQLException {
        return c.isWrapperFor(PGConnection.class);
    }

    /**
     * The batch's rows: through COPY when the connection is PostgreSQL's and the batch has
     * {@link #COPY_FROM} rows or more, otherwise as a batch of INSERTs. COPY skips the bind per value
     * (PostgreSQL about 20 instead of 28 µs of CPU per row, the writer 5 instead of 11) but costs a
     * round trip and a statement parse more: a batch of one took 176–275 against 166–175 µs, of 8 about
     * the same, of 64 1.9 against 2.3–2.6 ms (AuditWriterThroughputJpaIT, bench/RESULTS.md). A refused
     * row fails either as a whole.
     */
    private static void insertAll(Connection c, List<AuditEntry> entries, ChainCursor chain) throws SQLException {
        if (entries.size() >= COPY_FROM && copies(c)) {
            copy(c.unwrap(PGConnection.class), entries, chain);
            return;
        }
        try (PreparedStatement insert = c.prepareStatement(AuditColumns.INSERT)) {
            for (AuditEntry e : entries) {
                AuditColumns.bind(insert, AuditColumns.of(e, chain));
                insert.addBatch();
            }
            insert.executeBatch();
        }
    }

    /** The rows as one COPY in text format (package-visible: a test runs it without the INSERT fallback). */
    static void copy(PGConnection c, List<AuditEntry> entries, ChainCursor chain) throws SQLException {
        StringBuilder text = new StringBuilder(entries.size() * 512);
        for (AuditEntry e : entries) {
            AuditColumns.appendText(text, AuditColumns.of(e, chain));
        }
        byte[] rows = text.toString().getBytes(StandardCharsets.UTF_8);
        try {
            c.getCopyAPI().copyIn(AuditColumns.COPY, new ByteArrayInputStream(rows));
        } catch (IOException e) {
            throw new SQLException("COPY of the audit batch broke off", "08006", e); // connection trouble: the batch is retried
        }
    }

    /** The chain's row, before its first entry (in the same transaction). */
    private static void register(Connection c, ChainCursor chain, String writer) throws SQLException {
        if (chain.registered()) {
            return;
        }
        try (PreparedStatement register = c.prepareStatement(REGISTER)) {
            register.setObject(1, chain.id(), Types.OTHER);
            register.setObject(2, Instant.now().atOffset(ZoneOffset.UTC));
            register.setString(3, writer);
            register.setString(4, chain.instance());
            register.executeUpdate();
        }
    }

    private static Written oneByOne(Connection c, List<AuditEntry> entries, ChainCursor chain) throws SQLException {
        Map<Integer, String> quarantined = new TreeMap<>();
        Set<Integer> lost = new TreeSet<>();
        try (PreparedStatement insert = c.prepareStatement(AuditColumns.INSERT);
             PreparedStatement quarantine = c.prepareStatement(QUARANTINE)) {
            for (int i = 0; i < entries.size(); i++) {
                AuditEntry e = entries.get(i);
                Savepoint before = c.setSavepoint();
                ChainCursor.Mark mark = chain.mark();
                try {
                    AuditColumns.bind(insert, AuditColumns.of(e, chain));
                    insert.executeUpdate();
                    continue;
                } catch (SQLException refused) {
                    if (!refusedData(refused)) {
                        throw refused;
                    }
                    c.rollback(before);
                    chain.reset(mark);
                    String reason = "the database refused the entry as written (SQLState " + refused.getSQLState() + ")";
                    Savepoint reduced = c.setSavepoint();
                    try {
                        bindQuarantined(quarantine, e, reason, chain);
                        quarantine.executeUpdate();
                        quarantined.put(i, refused.getSQLState());
                    } catch (SQLException again) {
                        if (!refusedData(again)) {
                            throw again;
                        }
                        c.rollback(reduced);
                        chain.reset(mark); // a lost entry takes no place in the chain: no gap is left
                        lost.add(i);
                    }
                }
            }
        }
        return new Written(quarantined, lost);
    }

    /** Data exceptions (22), integrity violations (23), program limits (54): the entry's fault, not the database's. */
    private static boolean refusedData(SQLException e) {
        for (SQLException x = e; x != null; x = x.getNextException()) {
            String state = x.getSQLState();
            if (state != null && (state.startsWith("22") || state.startsWith("23") || state.startsWith("54"))) {
                return true;
            }
        }
        return false;
    }

    /** Who, what, when and the outcome, without the free text and states the database refused. */
    private static void bindQuarantined(PreparedStatement q, AuditEntry e, String reason, ChainCursor chain) throws SQLException {
        ChainedRow row = ChainedRow.quarantined(e, reason, chain.id(), chain.nextSeq());
        q.setObject(1, row.occurredAt().atOffset(ZoneOffset.UTC));
        q.setString(2, e.requestId());
        q.setObject(3, e.tenantId(), Types.OTHER);
        q.setString(4, e.principal());
        q.setString(5, e.action());
        q.setString(6, e.outcome().name());
        q.setShort(7, (short) e.httpStatus());
        q.setString(8, e.errorCode());
        q.setInt(9, e.latencyMs());
        q.setInt(10, (int) Math.min(Integer.MAX_VALUE, e.tokensIn()));
        q.setInt(11, (int) Math.min(Integer.MAX_VALUE, e.tokensOut()));
        q.setShort(12, (short) e.upstreamAttempts());
        q.setString(13, reason);
        q.setInt(14, e.occurrences());
        q.setObject(15, chain.id(), Types.OTHER);
        q.setLong(16, row.seq());
        q.setBytes(17, chain.append(row));
        q.setString(18, row.phase());
    }

    private static Map<UUID, Instant> touchTokens(Connection c, List<AuditEntry> entries, TokenTouches touches) throws SQLException {
        Map<UUID, Instant> lastUse = new HashMap<>();
        for (AuditEntry e : entries) {
            if (e.tokenId() != null) {
                lastUse.merge(e.tokenId(), e.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        if (touches != null) {
            lastUse = touches.due(lastUse);
        }
        if (lastUse.isEmpty()) {
            return lastUse;
        }
        try (PreparedStatement touch = c.prepareStatement(TOUCH)) {
            for (var use : lastUse.entrySet()) {
                var at = use.getValue().atOffset(ZoneOffset.UTC);
                touch.setObject(1, at);
                touch.setObject(2, use.getKey(), Types.OTHER);
                touch.setObject(3, at);
                touch.addBatch();
            }
            touch.executeBatch();
        }
        return lastUse;
    }
}
