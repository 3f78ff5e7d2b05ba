package io.novix.core.inference.control;

import io.novix.core.audit.boundary.AuditTrail;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.Outcome;
import io.novix.core.kernel.Reply;
import io.novix.core.access.boundary.AccessControl;
import io.novix.core.identity.entity.Authentication;
import io.novix.core.identity.entity.Scope;
import io.novix.hf.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The door every API call passes: token check plus scope, denials audited, and the rule that no
 * answer leaves before its audit row is committed.
 */
@ApplicationScoped
public class Gate {

    private static final Logger LOG = Logger.getLogger(Gate.class.getName());

    @Inject
    AccessControl authenticator;

    @Inject
    AuditTrail audit;

    @Inject
    RequestMetrics metrics;

    /** Authenticates and checks the scope; a valid token without the scope is a 403 denial. */
    public Authentication authenticate(String authorization, Scope required, Instant now) {
        return require(authenticator.bearer(authorization, now), required);
    }

    /** The token check alone, for calls whose scope is known only after reading the request. */
    public Authentication identify(String authorization, Instant now) {
        return authenticator.bearer(authorization, now);
    }

    /** A granted authentication without {@code required} becomes a 403 denial. */
    public Authentication require(Authentication auth, Scope required) {
        if (auth.granted() && !auth.caller().map(c -> c.may(required)).orElse(false)) {
            return Authentication.insufficientScope(auth.caller().get());
        }
        return auth;
    }

    /** Audits a denial and answers 401 (or 403 for a missing scope or suspended tenant). */
    public CompletableFuture<Reply> deny(Authentication auth, String action, String target, String requestId,
                                         long startedNanos, Instant at) {
        Reply reply = denial(auth, requestId);
        int latency = (int) ((System.nanoTime() - startedNanos) / 1_000_000);
        AuditEntry entry = new AuditEntry(at, requestId, auth.tenantHint(), auth.principalHint(), action, target,
                Outcome.DENIED, reply.status(), auth.auditCode(reply.errorCode()), latency, 0, 0, 0, null);
        metrics.observe(action, reply.status(), System.nanoTime() - startedNanos, Usage.NONE);
        return afterAudit(audit.record(entry), reply, requestId);
    }

    /** The reply once the audit commit is done, or 503 audit_unavailable when it failed. */
    public CompletableFuture<Reply> afterAudit(CompletionStage<Void> audited, Reply reply, String requestId) {
        return audited.handle((ok, error) -> {
            if (error == null) {
                return reply;
            }
            LOG.log(Level.SEVERE, "request {0} withheld: audit trail unavailable", requestId);
            return Reply.error(503, "audit_unavailable",
                    "the audit trail could not record this request; nothing was delivered", null, requestId);
        }).toCompletableFuture();
    }

    private static Reply denial(Authentication auth, String requestId) {
        Map<String, String> challenge = Map.of("WWW-Authenticate", "Bearer realm=\"novix\"");
        return switch (auth.verdict()) {
            case MISSING -> Reply.error(401, "missing_token", "an Authorization: Bearer token is required", null, requestId, challenge);
            case MALFORMED, UNKNOWN -> Reply.error(401, "invalid_token", "the token is not valid", null, requestId, challenge);
            case EXPIRED -> Reply.error(401, "token_expired", "the token has expired", null, requestId, challenge);
            case REVOKED -> Reply.error(401, "token_revoked", "the token has been revoked", null, requestId, challenge);
            case TENANT_SUSPENDED -> Reply.error(403, "tenant_suspended", "the tenant is suspended", null, requestId);
            case CSRF_REQUIRED -> Reply.error(403, "csrf_token_required", "a session needs its X-Novix-CSRF header", null, requestId);
            case VALID -> Reply.error(403, "insufficient_scope", "the token lacks the scope for this operation", null, requestId);
        };
    }
}
