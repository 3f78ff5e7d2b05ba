package io.novix.core.inference.boundary;

import io.novix.core.identity.entity.Scope;
import io.novix.core.inference.control.CallLedger;
import io.novix.core.inference.control.InferenceSettings;
import io.novix.core.inference.control.StreamRelay;
import io.novix.core.inference.control.Upstream;
import io.novix.core.inference.entity.Call;
import io.novix.core.inference.entity.CompletionRequest;
import io.novix.core.kernel.Reply;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/completions}: the OpenAI legacy completions API as TGI and the router serve it
 * ({@code /v1/completions} upstream), with the chat call's path: scope {@code inference:chat},
 * failover, metering from the upstream's usage, audit before the answer; streams relayed chunk by chunk.
 */
@ApplicationScoped
public class Completions {

    static final String ACTION = "inference.completions";
    static final String TASK = "text-generation";

    @Inject
    InferenceSettings settings;

    @Inject
    Upstream upstream;

    @Inject
    CallLedger ledger;

    public CompletionStage<Reply> complete(String authorization, byte[] body, String requestId) {
        return ledger.open(authorization, Scope.INFERENCE_CHAT, ACTION, TASK, "/v1/completions", requestId,
                () -> CompletionRequest.parse(body, settings.defaults()), CompletionRequest::model, this::serve);
    }

    private CompletionStage<Reply> serve(Call call, CompletionRequest request) {
        byte[] upstreamBody = request.upstreamBody();
        if (request.streaming()) {
            StreamRelay relay = new StreamRelay(StreamRelay.Dialect.OPENAI_CHAT, request.clientWantsUsage(),
                    request.estimatedPromptTokens(), upstream.chunkTimeout(), call.startedNanos(), call.requestId());
            return ledger.stream(call, relay, route -> upstream.completionStream(route.target(), upstreamBody, relay));
        }
        return ledger.serve(call, route -> upstream.completion(route.target(), upstreamBody).thenApply(ChatCompletions::shaped));
    }
}
