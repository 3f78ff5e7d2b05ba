package io.novix.core.audit.entity;

import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * One audited action, as handed to the audit trail. {@code tokenId} is not stored in the row;
 * it lets the writer keep the token's last-used time in the same commit. {@code detail} is null
 * for anything but inference calls; {@code change} (who acted in which role, the object before and
 * after) only for admin actions.
 */
public record AuditEntry(Instant occurredAt, String requestId, UUID tenantId, String principal, String action,
                         String target, Outcome outcome, int httpStatus, String errorCode, int latencyMs,
                         long tokensIn, long tokensOut, int upstreamAttempts, UUID tokenId,
                         InferenceDetail detail, AdminChange change) {

    /** An inference entry (no admin change). */
    public AuditEntry(Instant occurredAt, String requestId, UUID tenantId, String principal, String action,
                      String target, Outcome outcome, int httpStatus, String errorCode, int latencyMs,
                      long tokensIn, long tokensOut, int upstreamAttempts, UUID tokenId, InferenceDetail detail) {
        this(occurredAt, requestId, tenantId, principal, action, target, outcome, httpStatus, errorCode, latencyMs,
                tokensIn, tokensOut, upstreamAttempts, tokenId, detail, null);
    }

    /** An entry without inference detail (admin actions, denials). */
    public AuditEntry(Instant occurredAt, String requestId, UUID tenantId, String principal, String action,
                      String target, Outcome outcome, int httpStatus, String errorCode, int latencyMs,
                      long tokensIn, long tokensOut, int upstreamAttempts, UUID tokenId) {
        this(occurredAt, requestId, tenantId, principal, action, target, outcome, httpStatus, errorCode, latencyMs,
                tokensIn, tokensOut, upstreamAttempts, tokenId, null, null);
    }

    public AuditEntry {
        Objects.requireNonNull(occurredAt, "occurredAt");
        Objects.requireNonNull(requestId, "requestId");
        Objects.requireNonNull(principal, "principal");
        Objects.requireNonNull(action, "action");
        Objects.requireNonNull(outcome, "outcome");
        if (latencyMs < 0 || tokensIn < 0 || tokensOut < 0) {
            throw new IllegalArgumentException("latency and token counts cannot be negative");
        }
        target = target == null ? null : truncate(target, 300);
        principal = truncate(principal, 200);
    }

    private static String truncate(String s, int max) {
        return s.length() <= max ? s : s.substring(0, max);
    }
}
