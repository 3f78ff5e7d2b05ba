package io.novix.core.audit.control;

import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.AdminChange;
import io.novix.core.audit.entity.InferenceDetail;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Writes many audit entries, and the last-used times of their tokens, in one transaction. */
final class AuditBatch {

    private static final String INSERT = "INSERT INTO audit_record (occurred_at, request_id, tenant_id, principal, "
            + "action, target, outcome, http_status, error_code, latency_ms, tokens_in, tokens_out, upstream_attempts, "
            + "task, endpoint, region, fallback_used, breaker_state, stream_outcome, ttfb_ms, actor_role, before_state, after_state) "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb)";
    private static final String TOUCH = "UPDATE api_token SET last_used_at = ? WHERE id = ? "
            + "AND (last_used_at IS NULL OR last_used_at < ?)";

    private AuditBatch() {
    }

    static void write(Connection c, List<AuditEntry> entries) throws SQLException {
        boolean autoCommit = c.getAutoCommit();
        c.setAutoCommit(false);
        try {
            try (PreparedStatement insert = c.prepareStatement(INSERT)) {
                for (AuditEntry e : entries) {
                    insert.setObject(1, e.occurredAt().atOffset(ZoneOffset.UTC));
                    insert.setString(2, e.requestId());
                    insert.setObject(3, e.tenantId(), Types.OTHER);
                    insert.setString(4, e.principal());
                    insert.setString(5, e.action());
                    insert.setString(6, e.target());
                    insert.setString(7, e.outcome().name());
                    insert.setShort(8, (short) e.httpStatus());
                    insert.setString(9, e.errorCode());
                    insert.setInt(10, e.latencyMs());
                    insert.setInt(11, (int) Math.min(Integer.MAX_VALUE, e.tokensIn()));
                    insert.setInt(12, (int) Math.min(Integer.MAX_VALUE, e.tokensOut()));
                    insert.setShort(13, (short) e.upstreamAttempts());
                    InferenceDetail d = e.detail();
                    insert.setString(14, d == null ? null : d.task());
                    insert.setString(15, d == null ? null : d.endpoint());
                    insert.setString(16, d == null ? null : d.region());
                    insert.setBoolean(17, d != null && d.fallbackUsed());
                    insert.setString(18, d == null ? null : d.breakerState());
                    insert.setString(19, d == null ? null : d.streamOutcome());
                    insert.setObject(20, d == null ? null : d.ttfbMs(), Types.INTEGER);
                    AdminChange change = e.change();
                    insert.setString(21, change == null ? null : change.actorRole());
                    insert.setString(22, change == null ? null : change.before());
                    insert.setString(23, change == null ? null : change.after());
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            touchTokens(c, entries);
            c.commit();
        } catch (SQLException | RuntimeException ex) {
            c.rollback();
            throw ex;
        } finally {
            c.setAutoCommit(autoCommit);
        }
    }

    private static void touchTokens(Connection c, List<AuditEntry> entries) throws SQLException {
        Map<UUID, Instant> lastUse = new HashMap<>();
        for (AuditEntry e : entries) {
            if (e.tokenId() != null) {
                lastUse.merge(e.tokenId(), e.occurredAt(), (a, b) -> a.isAfter(b) ? a : b);
            }
        }
        if (lastUse.isEmpty()) {
            return;
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
    }
}
