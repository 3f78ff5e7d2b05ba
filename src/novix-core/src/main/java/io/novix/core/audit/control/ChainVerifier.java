package io.novix.core.audit.control;

import io.novix.core.audit.entity.ChainedRow;
import io.novix.core.audit.entity.Checkpoint;

import java.security.GeneralSecurityException;
import java.security.PublicKey;
import java.security.Signature;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Checks every audit chain: each row's hash against its content and its predecessor, sequence
 * numbers without gaps or repeats, and the signed checkpoints (signature, each linked to the one
 * before, the head they name still present and unchanged). Names the first bad entry and the kind
 * of tampering. Plain JDBC: the same check runs in the server and against an export's database.
 */
public final class ChainVerifier {

    public enum Kind { CHANGED, DELETED, INSERTED, REORDERED, TAIL_TRUNCATED, CHAIN_REPLACED }

    public record Failure(UUID chain, long seq, Long rowId, Kind kind, String detail) {
    }

    public record Result(boolean verified, long checked, int chains, long checkpoints, long unchained, Failure firstFailure) {
    }

    public static final String COLUMNS = "id, chain_id, chain_seq, entry_hash, occurred_at, request_id, tenant_id, principal, action, target, "
            + "outcome, http_status, error_code, latency_ms, tokens_in, tokens_out, upstream_attempts, task, endpoint, region, "
            + "fallback_used, breaker_state, stream_outcome, ttfb_ms, actor_role, (before_state IS NOT NULL OR after_state IS NOT NULL), "
            + "occurrences, client_address, redactions, change_sealed, data_key_version, cost_usd, policy_verdict, quarantined, "
            + "quarantine_reason, phase, credential_id, data_classification, reserved_usd, client_request_id";

    /** A chain's row as read: its id, sequence number, stored hash and content. */
    public record Row(long id, long seq, byte[] stored, ChainedRow content) {
        /** The row at the cursor of a query that selects {@link #COLUMNS}. */
        public static Row read(ResultSet rs) throws SQLException {
            return new Row(rs.getLong(1), rs.getLong(3), rs.getBytes(4), ChainVerifier.content(rs));
        }
    }

    private ChainVerifier() {
    }

    /**
     * Verifies every chain in one snapshot of the database. Read at READ COMMITTED, a row committed and a
     * checkpoint signed between the read of a chain's rows and that of its checkpoints made a checkpoint
     * ahead of the rows read: a false TAIL_TRUNCATED under traffic. On a connection in auto-commit mode
     * the reads run in one REPEATABLE READ transaction, rolled back after; otherwise in the caller's.
     */
    public static Result verify(Connection c, Map<String, PublicKey> keys) throws SQLException {
        if (!c.getAutoCommit()) {
            return verifyAll(c, keys);
        }
        int isolation = c.getTransactionIsolation();
        c.setTransactionIsolation(Connection.TRANSACTION_REPEATABLE_READ);
        c.setAutoCommit(false);
        try {
            return verifyAll(c, keys);
        } finally {
            c.rollback(); // nothing was written
            c.setAutoCommit(true);
            c.setTransactionIsolation(isolation);
        }
    }

    private static Result verifyAll(Connection c, Map<String, PublicKey> keys) throws SQLException {
        long checked = 0;
        long checkpoints = 0;
        List<UUID> chains = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT chain_id FROM audit_chain UNION SELECT DISTINCT chain_id FROM audit_record "
                + "WHERE chain_id IS NOT NULL ORDER BY 1"); ResultSet rs = q.executeQuery()) {
            while (rs.next()) {
                chains.add(rs.getObject(1, UUID.class));
            }
        }
        long unchained;
        try (PreparedStatement q = c.prepareStatement("SELECT count(*) FROM audit_record WHERE chain_id IS NULL"); ResultSet rs = q.executeQuery()) {
            rs.next();
            unchained = rs.getLong(1);
        }
        for (UUID chain : chains) {
            List<Row> rows = rows(c, chain);
            checked += rows.size();
            Anchor anchor = anchor(c, chain);
            Failure failure = walk(chain, rows, anchor);
            if (failure == null) {
                long[] count = new long[1];
                failure = checkpoints(c, chain, rows, anchor, keys, count);
                checkpoints += count[0];
            }
            if (failure != null) {
                return new Result(false, checked, chains.size(), checkpoints, unchained, failure);
            }
        }
        return new Result(true, checked, chains.size(), checkpoints, unchained, null);
    }

    /**
     * Where a chain's retained entries begin: after the last entry of a month dropped by retention
     * (audit_drop_expired records it), or at the genesis.
     */
    record Anchor(long seq, byte[] hash) {
        static final Anchor GENESIS = new Anchor(0, ChainedRow.GENESIS);
    }

    static Anchor anchor(Connection c, UUID chain) throws SQLException {
        try (PreparedStatement q = c.prepareStatement("SELECT chain_seq, entry_hash FROM audit_retention_anchor WHERE chain_id = ? "
                + "ORDER BY chain_seq DESC LIMIT 1")) {
            q.setObject(1, chain, Types.OTHER);
            try (ResultSet rs = q.executeQuery()) {
                return rs.next() ? new Anchor(rs.getLong(1), rs.getBytes(2)) : Anchor.GENESIS;
            }
        }
    }

    private static Failure walk(UUID chain, List<Row> rows, Anchor anchor) {
        byte[] previous = anchor.hash();
        long expected = anchor.seq() + 1;
        for (int i = 0; i < rows.size(); i++) {
            Row r = rows.get(i);
            if (r.seq() < expected) {
                return new Failure(chain, r.seq(), r.id(), Kind.INSERTED, "a second entry with sequence number " + r.seq());
            }
            if (r.seq() > expected) {
                return new Failure(chain, expected, r.id(), Kind.DELETED, "entries " + expected + " to " + (r.seq() - 1) + " are missing");
            }
            if (!Arrays.equals(r.content().hash(previous), r.stored())) {
                return new Failure(chain, r.seq(), r.id(), mismatch(rows, i, anchor), "the entry does not match its hash and its predecessor's");
            }
            previous = r.stored();
            expected++;
        }
        return null;
    }

    /**
     * Why row {@code i} does not verify. Rows are inserted in chain order, so ordered by id they
     * show where each entry was written: an entry that verifies at its place by id was moved
     * (reordered); one that verifies nowhere and breaks the id order was added later (inserted);
     * anything else was changed in place.
     */
    private static Kind mismatch(List<Row> rows, int i, Anchor anchor) {
        Row x = rows.get(i);
        List<Row> byId = new ArrayList<>(rows);
        byId.sort(java.util.Comparator.comparingLong(Row::id));
        int rank = byId.indexOf(x);
        byte[] previous = rank == 0 ? anchor.hash() : byId.get(rank - 1).stored();
        long place = anchor.seq() + rank + 1;
        if (place != x.seq() && Arrays.equals(x.content().withSeq(place).hash(previous), x.stored())) {
            return Kind.REORDERED;
        }
        boolean outOfOrder = (i > 0 && rows.get(i - 1).id() > x.id()) || (i + 1 < rows.size() && rows.get(i + 1).id() < x.id());
        return outOfOrder ? Kind.INSERTED : Kind.CHANGED;
    }

    private static Failure checkpoints(Connection c, UUID chain, List<Row> rows, Anchor anchor, Map<String, PublicKey> keys, long[] count)
            throws SQLException {
        byte[] previousSignature = null;
        try (PreparedStatement q = c.prepareStatement("SELECT id, chain_seq, head_hash, signed_at, key_id, signature FROM audit_checkpoint "
                + "WHERE chain_id = ? ORDER BY id")) {
            q.setObject(1, chain, Types.OTHER);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    count[0]++;
                    long seq = rs.getLong(2);
                    byte[] head = rs.getBytes(3);
                    Checkpoint cp = new Checkpoint(chain, seq, head, rs.getObject(4, OffsetDateTime.class).toInstant(), previousSignature,
                            rs.getString(5));
                    byte[] signature = rs.getBytes(6);
                    if (!signed(cp, signature, keys.get(cp.keyId()))) {
                        return new Failure(chain, seq, null, Kind.CHAIN_REPLACED, "checkpoint " + rs.getLong(1)
                                + " is not signed by a published key, or does not follow the checkpoint before it");
                    }
                    long last = anchor.seq() + rows.size();
                    if (seq > last) {
                        return new Failure(chain, last + 1, null, Kind.TAIL_TRUNCATED, "checkpoint " + rs.getLong(1)
                                + " signed " + seq + " entries; " + last + " remain");
                    }
                    if (seq == anchor.seq() && !Arrays.equals(anchor.hash(), head)) {
                        return new Failure(chain, seq, null, Kind.CHAIN_REPLACED, "the retention anchor is not the entry checkpoint "
                                + rs.getLong(1) + " signed");
                    }
                    if (seq > anchor.seq() && !Arrays.equals(rows.get((int) (seq - anchor.seq() - 1)).stored(), head)) {
                        return new Failure(chain, seq, rows.get((int) (seq - anchor.seq() - 1)).id(), Kind.CHAIN_REPLACED,
                                "the chain was rebuilt: entry " + seq + " is not the one checkpoint " + rs.getLong(1) + " signed");
                    }
                    previousSignature = signature;
                }
            }
        }
        return null;
    }

    private static boolean signed(Checkpoint cp, byte[] signature, PublicKey key) {
        if (key == null) {
            return false;
        }
        try {
            Signature ed = Signature.getInstance("Ed25519");
            ed.initVerify(key);
            ed.update(cp.signedBytes());
            return ed.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    static List<Row> rows(Connection c, UUID chain) throws SQLException {
        List<Row> rows = new ArrayList<>();
        try (PreparedStatement q = c.prepareStatement("SELECT " + COLUMNS + " FROM audit_record WHERE chain_id = ? ORDER BY chain_seq, id")) {
            q.setObject(1, chain, Types.OTHER);
            q.setFetchSize(1000);
            try (ResultSet rs = q.executeQuery()) {
                while (rs.next()) {
                    rows.add(Row.read(rs));
                }
            }
        }
        return rows;
    }

    private static ChainedRow content(ResultSet rs) throws SQLException {
        return new ChainedRow(rs.getObject(2, UUID.class), rs.getLong(3), rs.getObject(5, OffsetDateTime.class).toInstant(),
                rs.getString(6), rs.getObject(7, UUID.class), rs.getString(8), rs.getString(9), rs.getString(10), rs.getString(11),
                rs.getInt(12), rs.getString(13), rs.getInt(14), rs.getLong(15), rs.getLong(16), rs.getInt(17), rs.getString(18),
                rs.getString(19), rs.getString(20), rs.getBoolean(21), rs.getString(22), rs.getString(23), (Integer) rs.getObject(24),
                rs.getString(25), rs.getBoolean(26), rs.getInt(27), rs.getString(28), rs.getString(29), rs.getBytes(30),
                (Integer) rs.getObject(31), rs.getBigDecimal(32), rs.getString(33), rs.getBoolean(34), rs.getString(35),
                rs.getString(36), rs.getObject(37, UUID.class), rs.getString(38), rs.getBigDecimal(39), rs.getString(40));
    }
}
