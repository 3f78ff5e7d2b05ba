package io.novix.core.inference.boundary;

import io.novix.core.inference.control.CallLedger;
import io.novix.core.inference.control.InferenceSettings;
import io.novix.core.inference.control.Upstream;
import io.novix.core.inference.entity.Call;
import io.novix.core.inference.entity.EmbeddingRequest;
import io.novix.core.inference.entity.TokenEstimate;
import io.novix.core.platform.boundary.Gate;
import io.novix.core.platform.entity.InvalidRequest;
import io.novix.core.platform.entity.Reply;
import io.novix.core.token.entity.Authentication;
import io.novix.core.token.entity.Scope;
import io.novix.hf.TaskAnswers;
import io.novix.hf.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/embeddings}: OpenAI in, TEI {@code /embed} or the feature-extraction task out,
 * metered from TEI's {@code x-compute-tokens} (estimated when the upstream does not say).
 */
@ApplicationScoped
public class Embeddings {

    static final String ACTION = "inference.embeddings";
    static final String TASK = "feature-extraction";

    @Inject
    Gate gate;

    @Inject
    InferenceSettings settings;

    @Inject
    Upstream upstream;

    @Inject
    CallLedger ledger;

    public CompletionStage<Reply> embed(String authorization, byte[] body, String requestId) {
        long started = System.nanoTime();
        Instant at = Instant.now();
        Authentication auth = gate.authenticate(authorization, Scope.INFERENCE_EMBEDDINGS, at);
        if (!auth.granted()) {
            return gate.deny(auth, ACTION, "/v1/embeddings", requestId, started, at);
        }
        Call call = new Call(auth.caller().orElseThrow(), ACTION, TASK, requestId, started, at);
        EmbeddingRequest request;
        try {
            request = EmbeddingRequest.parse(body, settings.defaults());
        } catch (InvalidRequest e) {
            return ledger.finish(Reply.error(400, e.code(), e.getMessage(), e.param(), requestId), call, Usage.NONE, null);
        }
        call.about(request.model(), TASK);
        Optional<Reply> full = ledger.admit(call);
        if (full.isPresent()) {
            return ledger.finish(full.get(), call, Usage.NONE, null);
        }
        byte[] upstreamBody = request.upstreamBody();
        return ledger.serve(call, route -> upstream.task(route, request.model(), TASK, "application/json", upstreamBody)
                .thenApply(outcome -> CallLedger.Shaped.of(outcome, answer -> TaskAnswers.embeddings(answer.body())
                        .flatMap(vectors -> {
                            long tokens = TokenEstimate.header(answer.header("x-compute-tokens"), request.estimatedTokens());
                            return Optional.ofNullable(request.answer(vectors, tokens))
                                    .map(json -> new CallLedger.Served(Reply.ok(json), new Usage(tokens, 0)));
                        }))));
    }
}
