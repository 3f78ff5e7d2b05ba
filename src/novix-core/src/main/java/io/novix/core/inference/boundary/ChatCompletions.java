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
import io.novix.core.platform.entity.InvalidRequest;
import io.novix.core.platform.boundary.Gate;
import io.novix.core.platform.boundary.RequestMetrics;
import io.novix.core.platform.entity.Reply;
import io.novix.core.token.entity.Authentication;
import io.novix.core.token.entity.Caller;
import io.novix.core.token.entity.Scope;
import io.novix.hf.ChatOutcome;
import io.novix.hf.StreamOutcome;
import io.novix.hf.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The request path of {@code POST /v1/chat/completions}: authenticate, validate, call the
 * upstream, and answer only after the audit row is committed. Nothing here blocks a thread.
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
    AuditTrail audit;

    @Inject
    RequestMetrics metrics;

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
            return finish(reply, caller, null, Usage.NONE, 0, requestId, started, at);
        }
        if (request.streaming()) {
            return stream(caller, request, requestId, started, at);
        }
        return upstream.chat(request.upstreamBody()).thenCompose(outcome -> {
            if (outcome instanceof ChatOutcome.Completed done) {
                return finish(Reply.ok(done.body()), caller, request.model(), done.usage(), done.attempts(), requestId, started, at);
            }
            ChatOutcome.Failed failed = (ChatOutcome.Failed) outcome;
            Reply reply = UpstreamErrors.reply(failed.failure(), request.model(), requestId);
            return finish(reply, caller, request.model(), Usage.NONE, failed.attempts(), requestId, started, at);
        });
    }

    /**
     * Streams: failures before the upstream's first byte are answered like any other call;
     * once it is open, the relay writes events as they come and audits when the stream is over.
     */
    private CompletionStage<Reply> stream(Caller caller, ChatRequest request, String requestId, long started, Instant at) {
        StreamRelay relay = new StreamRelay(request.clientWantsUsage(), upstream.chunkTimeout(), started, requestId);
        return upstream.chatStream(request.upstreamBody(), relay).thenCompose(outcome -> {
            if (outcome instanceof StreamOutcome.Opened opened) {
                relay.opened(opened.cancel(), result -> auditStream(result, caller, request.model(), opened.attempts(),
                        requestId, started, at));
                return CompletableFuture.completedFuture(Reply.streaming(relay));
            }
            StreamOutcome.Failed failed = (StreamOutcome.Failed) outcome;
            Reply reply = UpstreamErrors.reply(failed.failure(), request.model(), requestId);
            return finish(reply, caller, request.model(), Usage.NONE, failed.attempts(), requestId, started, at);
        });
    }

    private CompletionStage<Void> auditStream(StreamRelay.Result result, Caller caller, String model, int attempts,
                                              String requestId, long started, Instant at) {
        Outcome outcome = result.completed() ? Outcome.SUCCESS
                : result.clientGone() ? Outcome.CANCELLED : Outcome.FAILED;
        AuditEntry entry = new AuditEntry(at, requestId, caller.tenantId(), caller.principal(), ACTION, model, outcome,
                200, result.errorCode(), elapsedMs(started), result.usage().promptTokens(), result.usage().completionTokens(),
                attempts, caller.tokenId(), detail().streamed(result.outcome(), result.ttfbMs()));
        metrics.observe(ACTION, 200, System.nanoTime() - started, result.usage());
        return audit.record(entry);
    }

    private CompletableFuture<Reply> finish(Reply reply, Caller caller, String model, Usage usage, int attempts,
                                            String requestId, long started, Instant at) {
        int latency = elapsedMs(started);
        AuditEntry entry = new AuditEntry(at, requestId, caller.tenantId(), caller.principal(), ACTION, model,
                Outcome.of(reply.status()), reply.status(), reply.errorCode(), latency,
                usage.promptTokens(), usage.completionTokens(), attempts, caller.tokenId(),
                model == null ? null : detail());
        metrics.observe(ACTION, reply.status(), System.nanoTime() - started, usage);
        return gate.afterAudit(audit.record(entry), reply, requestId);
    }

    private InferenceDetail detail() {
        return InferenceDetail.of(TASK, upstream.endpoint());
    }

    private static int elapsedMs(long started) {
        return (int) ((System.nanoTime() - started) / 1_000_000);
    }
}
