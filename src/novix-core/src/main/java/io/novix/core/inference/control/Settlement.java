package io.novix.core.inference.control;

import io.novix.core.identity.entity.Principal;
import io.novix.core.access.boundary.RefusalThrottle;
import io.novix.core.audit.boundary.AuditTrail;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.InferenceDetail;
import io.novix.core.audit.entity.Outcome;
import io.novix.core.audit.entity.Phase;
import io.novix.core.identity.entity.Authentication;
import io.novix.core.identity.entity.Caller;
import io.novix.core.identity.entity.Denial;
import io.novix.core.inference.entity.Call;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Refusal;
import io.novix.core.kernel.Reply;
import io.novix.core.routing.boundary.Failover;
import io.novix.hf.Usage;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The one place every inference call ends, on every path: answered, refused at any stage, failed
 * by a bug, or a stream that is over. It settles the call (every permit given back, once), meters
 * it, records its audit row, and lets the answer go only once that row is committed.
 */
@OneInstance
public class Settlement {

    private static final Logger LOG = Logger.getLogger(Settlement.class.getName());

    @Inject
    AuditTrail audit;

    @Inject
    RequestMetrics metrics;

    @Inject
    RefusalThrottle throttle;

    @Inject
    Telemetry telemetry;

    /**
     * A whole answer (or an upstream failure answered as an error). A call written ahead is answered
     * once its admission entry is committed (a 503 audit_unavailable otherwise), and its outcome entry
     * follows through the group commit; the answer waits for that too only where the tenant's
     * compliance profile says so. A call refused before admission waits for its single entry.
     */
    public CompletableFuture<Reply> answered(Call call, Reply reply, Usage usage, Failover.Routed<?> routed) {
        Optional<CompletableFuture<Void>> admission = call.admission();
        if (admission.isEmpty()) {
            if (!settled(call, reply, usage)) {
                return CompletableFuture.completedFuture(reply);
            }
            return afterAudit(audit.record(entry(call, Outcome.of(reply.status()), reply.status(), reply.errorCode(),
                    usage, routed, null, null)), reply, call.requestId());
        }
        // withheld when the admission entry was not committed: then nothing was delivered, and nothing is charged
        return afterAudit(admission.get(), reply, call.requestId()).thenCompose(answer -> {
            Usage used = answer == reply ? usage : Usage.NONE;
            if (!settled(call, answer, used)) {
                return CompletableFuture.completedFuture(answer);
            }
            Outcome how = call.cacheHit() && answer.status() < 400 ? Outcome.CACHE_HIT : Outcome.of(answer.status());
            AuditEntry outcome = entry(call, how, answer.status(), answer.errorCode(), used, routed, null, null);
            return call.awaitsOutcome() ? afterAudit(audit.record(outcome), answer, call.requestId())
                    : recorded(audit.recordEventually(outcome), call, answer);
        });
    }

    /** Metered and settled (every permit back); false when the call was settled before. */
    private boolean settled(Call call, Reply reply, Usage usage) {
        call.meter(usage.promptTokens(), usage.completionTokens(), reply.status() < 400);
        if (!call.settle()) {
            return false;
        }
        observe(call, reply.status(), usage);
        return true;
    }

    /** The answer without waiting for its outcome entry; an entry that cannot be committed is reported, never silent. */
    private static CompletableFuture<Reply> recorded(CompletionStage<Void> outcome, Call call, Reply answer) {
        outcome.whenComplete((ok, error) -> {
            if (error != null) {
                LOG.log(Level.SEVERE, "AUDIT ALARM: the outcome entry of request {0} was given up; its admission "
                        + "entry stays open (view audit_open_admissions)", call.requestId());
            }
        });
        return CompletableFuture.completedFuture(answer);
    }

    /** A stage refused the call: a denial is audited as such, anything else as the call's failure. */
    public CompletableFuture<Reply> refused(Call call, Refusal refusal) {
        Reply reply = Reply.refused(refusal, call.requestId());
        if (!(refusal instanceof Denial denial)) {
            return answered(call, reply, Usage.NONE, null);
        }
        if (!call.settle()) {
            return CompletableFuture.completedFuture(reply);
        }
        observe(call, reply.status(), Usage.NONE);
        Authentication auth = denial.authentication();
        return afterAudit(audit.record(AuditEntry.denied(call.at(), call.requestId(), auth.tenantHint(),
                auth.principalHint(), call.action(), call.target(), reply.status(), auth.auditCode(), call.elapsedMs())
                .from(call.clientAddress())),
                reply, call.requestId());
    }

    /**
     * A caller over its refusal budget (RefusalThrottle): 429 without any check, settled, and counted
     * in the throttle's aggregate audit row instead of a row of its own.
     */
    public CompletableFuture<Reply> throttled(Call call) {
        call.settle();
        observe(call, 429, Usage.NONE);
        throttle.throttled(call.clientAddress(), call.action(), ErrorCode.TOO_MANY_REFUSALS.code());
        return throttle.afterTarpit(Reply.error(ErrorCode.TOO_MANY_REFUSALS,
                "too many refused requests from this client; retry later", null, call.requestId(),
                java.util.Map.of("Retry-After", String.valueOf(throttle.retryAfterSeconds(call.clientAddress())))));
    }

    /** A bug on the way: logged with the request id, answered 500, and still settled and audited. */
    public CompletableFuture<Reply> failed(Call call, Throwable bug) {
        if (io.novix.core.kernel.DatabaseOutage.causedBy(bug)) { // not a bug: PostgreSQL is unreachable
            LOG.warning(() -> "inference request " + call.requestId() + " refused: the database is unavailable");
            return answered(call, io.novix.core.kernel.DatabaseOutage.reply(call.requestId()), Usage.NONE, null);
        }
        LOG.log(Level.SEVERE, "inference request " + call.requestId() + " failed unexpectedly", bug);
        return answered(call, Reply.error(ErrorCode.INTERNAL_ERROR,
                "an internal error occurred; quote the request id to support", null, call.requestId()), Usage.NONE, null);
    }

    /** The end of a relayed stream, metered and audited with how it ended; the relay writes the last event after. */
    public CompletionStage<Void> streamed(Call call, StreamRelay.Result result, Failover.Routed<?> routed) {
        // what was delivered is charged, a cut or abandoned stream included
        call.meter(result.usage().promptTokens(), result.usage().completionTokens(), true);
        if (!call.settle()) {
            return CompletableFuture.completedFuture(null);
        }
        Outcome outcome = result.completed() ? Outcome.SUCCESS : result.clientGone() ? Outcome.CANCELLED : Outcome.FAILED;
        observe(call, 200, result.usage());
        AuditEntry entry = entry(call, outcome, 200, result.errorCode(), result.usage(), routed, result.outcome(), result.ttfbMs());
        if (call.admission().isPresent() && !call.awaitsOutcome()) { // the admission entry is committed: the stream began after it
            recorded(audit.recordEventually(entry), call, null);
            return CompletableFuture.completedFuture(null);
        }
        return audit.record(entry);
    }

    /** The reply once the audit commit is done, or 503 audit_unavailable when it failed. */
    public static CompletableFuture<Reply> afterAudit(CompletionStage<Void> audited, Reply reply, String requestId) {
        return audited.handle((ok, error) -> {
            if (error == null) {
                return reply;
            }
            LOG.log(Level.SEVERE, "request {0} withheld: audit trail unavailable", requestId);
            return Reply.error(ErrorCode.AUDIT_UNAVAILABLE,
                    "the audit trail could not record this request; nothing was delivered", null, requestId);
        }).toCompletableFuture();
    }

    private void observe(Call call, int status, Usage usage) {
        String tenant = call.caller().map(Caller::tenantSlug).orElse(null);
        metrics.observe(call.action(), tenant, status, System.nanoTime() - call.startedNanos(), usage, call.cost());
        metrics.cache(call, tenant);
        telemetry.end(call, call.caller().orElse(null), status, usage);
    }

    /** Where a cache hit's answer came from, and what the upstream call it replaced had cost (docs/cost-levers.md). */
    private static String cacheSource(Call call) {
        if (!call.cacheHit()) {
            return null;
        }
        java.math.BigDecimal saved = call.cacheUse().saved();
        return "novix-cache saved_usd=" + (saved == null ? "0" : saved.stripTrailingZeros().toPlainString());
    }

    private static AuditEntry entry(Call call, Outcome outcome, int status, String errorCode, Usage usage,
                                    Failover.Routed<?> routed, String streamOutcome, Integer ttfb) {
        boolean served = routed != null && routed.route() != null;
        Optional<Caller> caller = call.caller(); // absent only when a bug struck before authentication
        InferenceDetail detail = new InferenceDetail(call.task() == null ? null : call.task().hubName(),
                served ? routed.route().target().toString() : cacheSource(call), served ? routed.route().region() : null,
                routed != null && routed.fallbackUsed(), routed == null ? null : routed.breakerState(), streamOutcome, ttfb,
                call.redactions(), call.cost(), call.policy(), call.admission().isPresent() ? Phase.OUTCOME : null,
                caller.map(Caller::tokenId).orElse(null), call.classification(), call.reserved(),
                WriteAhead.clientRequestId(call.requestId()));
        return AuditEntry.inference(call.at(), call.requestId(), caller.map(Caller::tenant).orElse(null),
                caller.map(Caller::principal).orElse(Principal.anonymous()), caller.map(Caller::tokenId).orElse(null),
                call.action(), caller.isPresent() ? call.model() : call.target(), outcome, status, errorCode, call.elapsedMs(), usage.promptTokens(),
                usage.completionTokens(), routed == null ? 0 : routed.attempts(), detail).from(call.clientAddress());
    }
}
