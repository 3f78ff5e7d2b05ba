package io.novix.core.audit.entity;

import io.novix.core.identity.entity.Principal;
import io.novix.core.tenant.entity.TenantId;

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
                         InferenceDetail detail, AdminChange change, int occurrences, String clientAddress) {

    /** A request refused before it was carried out, with what is known of who tried. */
    public static AuditEntry denied(Instant at, String requestId, TenantId tenantHint, Principal principalHint, String action,
                                    String target, int status, String code, int latencyMs) {
        return new AuditEntry(at, requestId, TenantId.valueOf(tenantHint), Principal.orAnonymous(principalHint).value(), action,
                target, Outcome.DENIED, status, code, latencyMs, 0, 0, 0, null, null, null, 1, null);
    }

    /** A request that is neither inference nor an admin change (a model list, a token grant): its outcome by status. */
    public static AuditEntry request(Instant at, String requestId, TenantId tenant, Principal principal, String action,
                                     String target, int status, String code, int latencyMs, UUID tokenId) {
        return new AuditEntry(at, requestId, TenantId.valueOf(tenant), principal.value(), action, target, Outcome.of(status), status, code,
                latencyMs, 0, 0, 0, tokenId, null, null, 1, null);
    }

    /** An admin request (or sign-in) with who acted in which role and, for a change, the object before and after. */
    public static AuditEntry admin(Instant at, String requestId, TenantId tenant, Principal principal, String action,
                                   String target, int status, String code, int latencyMs, UUID tokenId, AdminChange change) {
        return new AuditEntry(at, requestId, TenantId.valueOf(tenant), principal.value(), action, target, Outcome.of(status), status, code,
                latencyMs, 0, 0, 0, tokenId, null, change, 1, null);
    }

    /** An inference call that got past authorisation: its usage, attempts and how it was served. */
    public static AuditEntry inference(Instant at, String requestId, TenantId tenant, Principal principal, UUID tokenId,
                                       String action, String model, Outcome outcome, int status, String code,
                                       int latencyMs, long tokensIn, long tokensOut, int attempts, InferenceDetail detail) {
        return new AuditEntry(at, requestId, TenantId.valueOf(tenant), principal.value(), action, model, outcome, status, code, latencyMs,
                tokensIn, tokensOut, attempts, tokenId, detail, null, 1, null);
    }

    /**
     * {@code count} refusals of one kind from one client address, answered 429 while it was
     * throttled: one row with the exact count, so a flood cannot grow the table without bound.
     */
    public static AuditEntry throttled(Instant windowStart, String requestId, String clientAddress, String action,
                                       String code, int count) {
        return new AuditEntry(windowStart, requestId, null, Principal.anonymous().value(), action, null, Outcome.DENIED,
                429, code, 0, 0, 0, 0, null, null, null, count, clientAddress);
    }

    /** The same entry with another change record (its states sealed). */
    public AuditEntry withChange(AdminChange sealedChange) {
        return new AuditEntry(occurredAt, requestId, tenantId, principal, action, target, outcome, httpStatus, errorCode, latencyMs,
                tokensIn, tokensOut, upstreamAttempts, tokenId, detail, sealedChange, occurrences, clientAddress);
    }

    /** What the sealed states are bound to: this row's request and action (a sealed blob moved elsewhere does not open). */
    public String sealBinding() {
        return sealBinding(requestId, action);
    }

    public static String sealBinding(String requestId, String action) {
        return "audit-change:" + requestId + ":" + action;
    }

    /** The same entry, with the client address it came from. */
    public AuditEntry from(String address) {
        return new AuditEntry(occurredAt, requestId, tenantId, principal, action, target, outcome, httpStatus, errorCode,
                latencyMs, tokensIn, tokensOut, upstreamAttempts, tokenId, detail, change, occurrences, address);
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
        // sized to the columns (V003, V009): a long or strange value is cut here, never refused in a batch
        requestId = AuditText.fit(requestId, 64);
        principal = AuditText.fit(principal, 200);
        action = AuditText.fit(action, 64);
        target = AuditText.fit(target, 2048);
        errorCode = AuditText.fit(errorCode, 64);
        clientAddress = AuditText.fit(clientAddress, 64);
        if (occurrences < 1) {
            throw new IllegalArgumentException("an entry stands for at least one occurrence");
        }
        httpStatus = Math.max(0, Math.min(httpStatus, 999));
        upstreamAttempts = Math.max(0, Math.min(upstreamAttempts, Short.MAX_VALUE));
    }
}
