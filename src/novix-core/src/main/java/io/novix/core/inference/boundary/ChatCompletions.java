package io.novix.core.inference.boundary;

import io.novix.core.inference.control.CallLedger;
import io.novix.core.inference.control.InferenceSettings;
import io.novix.core.inference.control.StreamRelay;
import io.novix.core.inference.control.Upstream;
import io.novix.core.inference.entity.Call;
import io.novix.core.inference.entity.ChatRequest;
import io.novix.core.kernel.Reply;
import io.novix.core.identity.entity.Scope;
import io.novix.hf.ChatOutcome;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.Optional;
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
    InferenceSettings settings;

    @Inject
    Upstream upstream;

    @Inject
    CallLedger ledger;

    public CompletionStage<Reply> complete(String authorization, byte[] body, String requestId) {
        return ledger.open(authorization, Scope.INFERENCE_CHAT, ACTION, TASK, "/v1/chat/completions", requestId,
                () -> ChatRequest.parse(body, settings.defaults()), ChatRequest::model, this::serve);
    }

    private CompletionStage<Reply> serve(Call call, ChatRequest request) {
        byte[] upstreamBody = request.upstreamBody();
        if (request.streaming()) {
            return stream(call, request, upstreamBody);
        }
        return ledger.serve(call, route -> upstream.chat(route.target(), upstreamBody).thenApply(ChatCompletions::shaped));
    }

    static CallLedger.Shaped shaped(ChatOutcome outcome) {
        if (outcome instanceof ChatOutcome.Completed done) {
            return new CallLedger.Shaped(new CallLedger.Served(Reply.ok(done.body()), done.usage()), Optional.empty(), done.attempts());
        }
        ChatOutcome.Failed f = (ChatOutcome.Failed) outcome;
        return new CallLedger.Shaped(null, Optional.of(f.failure()), f.attempts());
    }

    /**
     * Streams: failures before the upstream's first byte fail over and are answered like any
     * other call; once a stream is open, the relay writes events as they come and audits when it is over.
     */
    private CompletionStage<Reply> stream(Call call, ChatRequest request, byte[] upstreamBody) {
        StreamRelay relay = new StreamRelay(StreamRelay.Dialect.OPENAI_CHAT, request.clientWantsUsage(), 0,
                upstream.chunkTimeout(), call.startedNanos(), call.requestId());
        return ledger.stream(call, relay, route -> upstream.chatStream(route.target(), upstreamBody, relay));
    }
}
