package io.novix.core.audit.control;

import io.novix.core.audit.entity.AdminChange;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.ChainedRow;

import java.math.BigDecimal;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Types;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.HexFormat;

/**
 * An audit entry's columns as written, one list of values for both ways into the table: the
 * prepared INSERT (binds) and COPY's text format. Both take the values this class makes, so a row
 * reads back the same whichever way it went in, and its chain hash covers what is stored.
 */
final class AuditColumns {

    private static final String NAMES = "occurred_at, request_id, tenant_id, principal, "
            + "action, target, outcome, http_status, error_code, latency_ms, tokens_in, tokens_out, upstream_attempts, "
            + "task, endpoint, region, fallback_used, breaker_state, stream_outcome, ttfb_ms, actor_role, before_state, after_state, "
            + "occurrences, client_address, redactions, change_sealed, data_key_version, cost_usd, policy_verdict, "
            + "chain_id, chain_seq, entry_hash, phase, credential_id, data_classification, reserved_usd, client_request_id";
    static final String INSERT = "INSERT INTO audit_record (" + NAMES + ") "
            + "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::jsonb, ?::jsonb, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, "
            + "?, ?, ?, ?, ?)";
    static final String COPY = "COPY audit_record (" + NAMES + ") FROM STDIN";

    /** The SQL type of each column, for a null bind. */
    private static final int[] TYPES = {Types.TIMESTAMP_WITH_TIMEZONE, Types.VARCHAR, Types.OTHER, Types.VARCHAR, Types.VARCHAR,
        Types.VARCHAR, Types.VARCHAR, Types.SMALLINT, Types.VARCHAR, Types.INTEGER, Types.INTEGER, Types.INTEGER, Types.SMALLINT,
        Types.VARCHAR, Types.VARCHAR, Types.VARCHAR, Types.BOOLEAN, Types.VARCHAR, Types.VARCHAR, Types.INTEGER, Types.VARCHAR,
        Types.VARCHAR, Types.VARCHAR, Types.INTEGER, Types.VARCHAR, Types.VARCHAR, Types.BINARY, Types.INTEGER, Types.NUMERIC,
        Types.VARCHAR, Types.OTHER, Types.BIGINT, Types.BINARY, Types.VARCHAR, Types.OTHER, Types.VARCHAR, Types.NUMERIC,
        Types.VARCHAR};
    private static final HexFormat HEX = HexFormat.of();

    private AuditColumns() {
    }

    /** The entry's values in column order, linked to {@code chain} as its next entry (the chain moves on). */
    static Object[] of(AuditEntry e, ChainCursor chain) {
        ChainedRow row = ChainedRow.of(e, chain.id(), chain.nextSeq());
        AdminChange change = e.change();
        boolean sealed = change != null && change.sealed() != null;
        return new Object[]{row.occurredAt(), e.requestId(), e.tenantId(), e.principal(), e.action(), e.target(),
            e.outcome().name(), (short) e.httpStatus(), e.errorCode(), e.latencyMs(), (int) row.tokensIn(), (int) row.tokensOut(),
            (short) e.upstreamAttempts(), row.task(), row.endpoint(), row.region(), row.fallbackUsed(), row.breakerState(),
            row.streamOutcome(), row.ttfbMs(), row.actorRole(), change == null ? null : change.before(),
            change == null ? null : change.after(), e.occurrences(), e.clientAddress(), row.redactions(),
            sealed ? change.sealed().bytes() : null, sealed ? change.sealed().keyVersion() : null, row.costUsd(),
            row.policyVerdict(), chain.id(), row.seq(), chain.append(row), row.phase(), row.credentialId(),
            row.dataClassification(), row.reservedUsd(), row.clientRequestId()};
    }

    static void bind(PreparedStatement insert, Object[] values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            int p = i + 1;
            Object v = values[i];
            if (v == null) {
                insert.setNull(p, TYPES[i]);
            } else if (v instanceof String s) {
                insert.setString(p, s);
            } else if (v instanceof Integer n) {
                insert.setInt(p, n);
            } else if (v instanceof Short n) {
                insert.setShort(p, n);
            } else if (v instanceof Long n) {
                insert.setLong(p, n);
            } else if (v instanceof Boolean b) {
                insert.setBoolean(p, b);
            } else if (v instanceof byte[] bytes) {
                insert.setBytes(p, bytes);
            } else if (v instanceof BigDecimal n) {
                insert.setBigDecimal(p, n);
            } else if (v instanceof Instant at) {
                insert.setObject(p, at.atOffset(ZoneOffset.UTC));
            } else {
                insert.setObject(p, v, Types.OTHER); // UUID
            }
        }
    }

    /**
     * Appends the values as one line of COPY's text format: tab-separated, {@code \N} for null,
     * backslash, tab, newline and carriage return escaped, bytea as an (escaped) hex literal.
     */
    static void appendText(StringBuilder out, Object[] values) {
        for (int i = 0; i < values.length; i++) {
            if (i > 0) {
                out.append('\t');
            }
            Object v = values[i];
            if (v == null) {
                out.append("\\N");
            } else if (v instanceof String s) {
                escape(out, s);
            } else if (v instanceof Boolean b) {
                out.append(b ? 't' : 'f');
            } else if (v instanceof byte[] bytes) {
                out.append("\\\\x").append(HEX.formatHex(bytes));
            } else if (v instanceof BigDecimal n) {
                out.append(n.toPlainString());
            } else {
                out.append(v); // numbers, UUIDs, instants (ISO-8601 with its Z, which PostgreSQL reads)
            }
        }
        out.append('\n');
    }

    private static void escape(StringBuilder out, String s) {
        int first = 0;
        while (first < s.length() && !special(s.charAt(first))) {
            first++;
        }
        if (first == s.length()) {
            out.append(s); // the common case, every text column of every row: copied whole, not char by char
            return;
        }
        out.append(s, 0, first);
        for (int i = first; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> out.append("\\\\");
                case '\t' -> out.append("\\t");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                default -> out.append(c);
            }
        }
    }

    private static boolean special(char c) {
        return c == '\\' || c == '\t' || c == '\n' || c == '\r';
    }
}
