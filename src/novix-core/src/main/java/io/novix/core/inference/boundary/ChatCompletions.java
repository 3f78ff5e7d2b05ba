package io.novix.core.inference.boundary;

import io.novix.core.audit.boundary.AuditTrail;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.InferenceDetail;
import io.novix.core.audit.entity.Outcome;
import io.novix.core.inference.control.InferenceSettings;
import io.novix.core.inference.control.StreamRelay;
import io.novix.core.inference.control.Upstream;
import io.novix.core.inference.control.UpstreamErrors;
import io.novix.core.inference.entity.ChatRequest;
import io.novix.core.platform.boundary.Gate;
import io.novix.core.platform.boundary.RequestMetrics;
import io.novix.core.platform.entity.InvalidRequest;
import io.novix.core.platform.entity.Reply;
import io.novix.core.routing.boundary.Router;
import io.novix.core.routing.control.Breakers;
import io.novix.core.routing.control.Failover;
import io.novix.core.token.entity.Authentication;
import io.novix.core.token.entity.Caller;
import io.novix.core.token.entity.Scope;
import io.novix.hf.ChatOutcome;
import io.novix.hf.StreamOutcome;
import io.novix.hf.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The request path of {@code POST /v1/chat/completions}: authenticate, validate, route to the
 * model's endpoints (failing over in priority order, skipping open breakers), and answer only
 * after the audit row is committed. Nothing here blocks a thread.
 */
@ApplicationScoped
public class ChatCompletions {

    static final String ACTION = "inference.chat";
    static final String TASK = "chat-completion";

    @Inject
    Gate gate;

    @Inject
    InferenceSettings settings;

    @Inject
    Upstream upstream;

    @Inject
    Router router;

    @Inject
    Breakers breakers;

    @Inject
    AuditTrail audit;

    @Inject
    RequestMetrics metrics;

    /** Everything the audit row of one call needs, gathered along the way. */
    private record Call(Caller caller, String model, String requestId, long started, Instant at) {
    }

    public CompletionStage<Reply> complete(String authorization, byte[] body, String requestId) {
        long started = System.nanoTime();
        Instant at = Instant.now();
        Authentication auth = gate.authenticate(authorization, Scope.INFERENCE_CHAT, at);
        if (!auth.granted()) {
            return gate.deny(auth, ACTION, "/v1/chat/completions", requestId, started, at);
        }
        Caller caller = auth.caller().orElseThrow();
        ChatRequest request;
        try {
            request = ChatRequest.parse(body, settings.defaults());
        } catch (InvalidRequest e) {
            Reply reply = Reply.error(400, e.code(), e.getMessage(), e.param(), requestId);
            return finish(reply, new Call(caller, null, requestId, started, at), Usage.NONE, null);
        }
        Call call = new Call(caller, request.model(), requestId, started, at);
        byte[] upstreamBody = request.upstreamBody();
        if (request.streaming()) {
            return stream(call, request, upstreamBody);
        }
        return Failover.run(router.routes(request.model()), breakers,
                route -> upstream.chat(route.target(), upstreamBody),
                outcome -> outcome instanceof ChatOutcome.Failed f ? Optional.of(f.failure()) : Optional.empty(),
                ChatOutcome::attempts
        ).thenCompose(routed -> {
            if (routed.noEndpoint()) {
                return finish(noEndpoint(call), call, Usage.NONE, routed);
            }
            if (routed.outcome() instanceof ChatOutcome.Completed done) {
                return finish(Reply.ok(done.body()), call, done.usage(), routed);
            }
            ChatOutcome.Failed failed = (ChatOutcome.Failed) routed.outcome();
            return finish(UpstreamErrors.reply(failed.failure(), request.model(), requestId), call, Usage.NONE, routed);
        });
    }

    /**
     * Streams: failures before the upstream's first byte fail over and are answered like any
     * other call; once a stream is open, the relay writes events as they come and audits when it is over.
     */
    private CompletionStage<Reply> stream(Call call, ChatRequest request, byte[] upstreamBody) {
        StreamRelay relay = new StreamRelay(request.clientWantsUsage(), upstream.chunkTimeout(), call.started(), call.requestId());
        return Failover.run(router.routes(request.model()), breakers,
                route -> upstream.chatStream(route.target(), upstreamBody, relay),
                outcome -> outcome instanceof StreamOutcome.Failed f ? Optional.of(f.failure()) : Optional.empty(),
                StreamOutcome::attempts
        ).thenCompose(routed -> {
            if (routed.noEndpoint()) {
                return finish(noEndpoint(call), call, Usage.NONE, routed);
            }
            if (routed.outcome() instanceof StreamOutcome.Opened opened) {
                relay.opened(opened.cancel(), result -> auditStream(result, call, routed));
                return CompletableFuture.completedFuture(Reply.streaming(relay));
            }
            StreamOutcome.Failed failed = (StreamOutcome.Failed) routed.outcome();
            return finish(UpstreamErrors.reply(failed.failure(), request.model(), call.requestId()), call, Usage.NONE, routed);
        });
    }

    private CompletionStage<Void> auditStream(StreamRelay.Result result, Call call, Failover.Routed<?> routed) {
        Outcome outcome = result.completed() ? Outcome.SUCCESS : result.clientGone() ? Outcome.CANCELLED : Outcome.FAILED;
        metrics.observe(ACTION, 200, System.nanoTime() - call.started(), result.usage());
        return audit.record(entry(call, outcome, 200, result.errorCode(), result.usage(), routed,
                result.outcome(), result.ttfbMs()));
    }

    private CompletableFuture<Reply> finish(Reply reply, Call call, Usage usage, Failover.Routed<?> routed) {
        metrics.observe(ACTION, reply.status(), System.nanoTime() - call.started(), usage);
        AuditEntry entry = entry(call, Outcome.of(reply.status()), reply.status(), reply.errorCode(), usage, routed, null, null);
        return gate.afterAudit(audit.record(entry), reply, call.requestId());
    }

    private static AuditEntry entry(Call call, Outcome outcome, int status, String errorCode, Usage usage,
                                    Failover.Routed<?> routed, String streamOutcome, Integer ttfb) {
        int latency = (int) ((System.nanoTime() - call.started()) / 1_000_000);
        InferenceDetail detail = routed == null ? null : new InferenceDetail(TASK,
                routed.route() == null ? null : routed.route().target().toString(),
                routed.route() == null ? null : routed.route().region(),
                routed.fallbackUsed(), routed.breakerState(), streamOutcome, ttfb);
        return new AuditEntry(call.at(), call.requestId(), call.caller().tenantId(), call.caller().principal(), ACTION,
                call.model(), outcome, status, errorCode, latency, usage.promptTokens(), usage.completionTokens(),
                routed == null ? 0 : routed.attempts(), call.caller().tokenId(), detail);
    }

    private static Reply noEndpoint(Call call) {
        return Reply.error(503, "no_endpoint_available", "every endpoint of model '" + call.model()
                + "' is unavailable (circuit open); retry later", "model", call.requestId());
    }
}
