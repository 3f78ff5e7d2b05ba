package io.novix.core.inference.control;

import io.novix.core.audit.boundary.AuditTrail;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.InferenceDetail;
import io.novix.core.audit.entity.Outcome;
import io.novix.core.inference.entity.Call;
import io.novix.core.inference.control.Gate;
import io.novix.core.inference.control.RequestMetrics;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.Reply;
import io.novix.core.identity.entity.Authentication;
import io.novix.core.identity.entity.Scope;
import io.novix.core.routing.boundary.Router;
import io.novix.core.routing.boundary.Failover;
import io.novix.core.routing.entity.Route;
import io.novix.hf.HfFailure;
import io.novix.hf.StreamOutcome;
import io.novix.hf.TaskOutcome;
import io.novix.hf.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.BiFunction;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * What every inference call shares once it is authenticated: a place in its tenant's bulkhead,
 * failover across the model's endpoints, and an ending that meters, audits and only then answers.
 */
@ApplicationScoped
public class CallLedger {

    /** A task answer turned into the client's reply and its metered usage. */
    public record Served(Reply reply, Usage usage) {
    }

    /** One endpoint's result: served, or why not, and how many attempts it took. */
    public record Shaped(Served served, Optional<HfFailure> failure, int attempts) {
        public static Shaped of(TaskOutcome outcome, Function<TaskOutcome.Answered, Optional<Served>> shape) {
            if (outcome instanceof TaskOutcome.Answered a) {
                return shape.apply(a).map(s -> new Shaped(s, Optional.empty(), a.attempts()))
                        .orElseGet(() -> new Shaped(null, Optional.of(HfFailure.of(HfFailure.Kind.MALFORMED_RESPONSE, 200,
                                "the upstream answer is not the task's documented shape")), a.attempts()));
            }
            TaskOutcome.Failed f = (TaskOutcome.Failed) outcome;
            return new Shaped(null, Optional.of(f.failure()), f.attempts());
        }
    }

    @Inject
    Gate gate;

    @Inject
    AuditTrail audit;

    @Inject
    RequestMetrics metrics;

    @Inject
    Bulkheads bulkheads;

    @Inject
    Router router;


    /**
     * The common opening of an inference call: token and scope, the request parsed (a refusal is
     * answered and audited), the tenant's bulkhead entered; then {@code serve} takes over.
     */
    public <R> CompletionStage<Reply> open(String authorization, Scope scope, String action, String task, String path,
                                           String requestId, Supplier<R> parse, Function<R, String> modelOf,
                                           BiFunction<Call, R, CompletionStage<Reply>> serve) {
        long started = System.nanoTime();
        Instant at = Instant.now();
        Authentication auth = gate.authenticate(authorization, scope, at);
        if (!auth.granted()) {
            return gate.deny(auth, action, path, requestId, started, at);
        }
        Call call = new Call(auth.caller().orElseThrow(), action, task, requestId, started, at);
        R request;
        try {
            request = parse.get();
        } catch (InvalidRequest e) {
            return finish(Reply.error(statusOf(e), e.code(), e.getMessage(), e.param(), requestId), call, Usage.NONE, null);
        }
        call.about(modelOf.apply(request), task);
        Optional<Reply> full = admit(call);
        if (full.isPresent()) {
            return finish(full.get(), call, Usage.NONE, null);
        }
        return serve.apply(call, request);
    }

    /** Refusals are 400, except an upload that is too large (413) or of the wrong kind (415). */
    public static int statusOf(InvalidRequest e) {
        return switch (e.code()) {
            case "file_too_large" -> 413;
            case "unsupported_media_type" -> 415;
            default -> 400;
        };
    }

    /** Takes the call into its tenant's bulkhead; the reply to finish with when the tenant is at its limit. */
    public Optional<Reply> admit(Call call) {
        if (!bulkheads.enter(call.caller())) {
            return Optional.of(Reply.error(429, "concurrency_limit_exceeded", "the tenant already has "
                    + bulkheads.limit(call.caller().tier()) + " inference calls in flight; retry when some have finished",
                    null, call.requestId(), Map.of("Retry-After", "1")));
        }
        call.onEnd(() -> bulkheads.leave(call.caller()));
        return Optional.empty();
    }

    /** Tries the model's endpoints in order until one serves the call, then finishes it. */
    public CompletableFuture<Reply> serve(Call call, Function<Route, CompletableFuture<Shaped>> send) {
        return router.failover(call.model(), send, Shaped::failure, Shaped::attempts)
                .thenCompose(routed -> {
                    if (routed.noEndpoint()) {
                        return finish(noEndpoint(call), call, Usage.NONE, routed);
                    }
                    Shaped s = routed.outcome();
                    if (s.served() != null) {
                        return finish(s.served().reply(), call, s.served().usage(), routed);
                    }
                    return finish(UpstreamErrors.reply(s.failure().orElseThrow(), call.model(), call.requestId()),
                            call, Usage.NONE, routed);
                });
    }

    /**
     * Streams: failures before the upstream's first byte fail over and are answered like any other
     * call; once a stream is open, the relay writes events as they come and audits when it is over.
     */
    public CompletableFuture<Reply> stream(Call call, StreamRelay relay, Function<Route, CompletableFuture<StreamOutcome>> open) {
        return router.failover(call.model(), open,
                outcome -> outcome instanceof StreamOutcome.Failed f ? Optional.of(f.failure()) : Optional.empty(),
                StreamOutcome::attempts
        ).thenCompose(routed -> relay.answer(routed, call, this));
    }

    /** Meters and audits the call, leaves the bulkhead, and answers once the audit row is committed. */
    public CompletableFuture<Reply> finish(Reply reply, Call call, Usage usage, Failover.Routed<?> routed) {
        call.end();
        metrics.observe(call.action(), reply.status(), System.nanoTime() - call.startedNanos(), usage);
        AuditEntry entry = entry(call, Outcome.of(reply.status()), reply.status(), reply.errorCode(), usage, routed, null, null);
        return gate.afterAudit(audit.record(entry), reply, call.requestId());
    }

    /** The end of a relayed stream: metered and audited with how it ended. */
    public CompletionStage<Void> finishStream(StreamRelay.Result result, Call call, Failover.Routed<?> routed) {
        call.end();
        Outcome outcome = result.completed() ? Outcome.SUCCESS : result.clientGone() ? Outcome.CANCELLED : Outcome.FAILED;
        metrics.observe(call.action(), 200, System.nanoTime() - call.startedNanos(), result.usage());
        return audit.record(entry(call, outcome, 200, result.errorCode(), result.usage(), routed,
                result.outcome(), result.ttfbMs()));
    }

    public Reply noEndpoint(Call call) {
        return Reply.error(503, "no_endpoint_available", "every endpoint of model '" + call.model()
                + "' is unavailable (circuit open); retry later", "model", call.requestId());
    }

    private static AuditEntry entry(Call call, Outcome outcome, int status, String errorCode, Usage usage,
                                    Failover.Routed<?> routed, String streamOutcome, Integer ttfb) {
        InferenceDetail detail = new InferenceDetail(call.task(),
                routed == null || routed.route() == null ? null : routed.route().target().toString(),
                routed == null || routed.route() == null ? null : routed.route().region(),
                routed != null && routed.fallbackUsed(), routed == null ? null : routed.breakerState(), streamOutcome, ttfb);
        return new AuditEntry(call.at(), call.requestId(), call.caller().tenantId(), call.caller().principal(), call.action(),
                call.model(), outcome, status, errorCode, call.elapsedMs(), usage.promptTokens(), usage.completionTokens(),
                routed == null ? 0 : routed.attempts(), call.caller().tokenId(), detail);
    }
}
