package io.novix.core.inference.boundary;

import io.novix.core.inference.control.CallLedger;
import io.novix.core.inference.control.InferenceSettings;
import io.novix.core.inference.control.Upstream;
import io.novix.core.inference.entity.Call;
import io.novix.core.inference.entity.EmbeddingRequest;
import io.novix.core.inference.entity.TokenEstimate;
import io.novix.core.kernel.Reply;
import io.novix.core.identity.entity.Scope;
import io.novix.hf.TaskAnswers;
import io.novix.hf.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

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
    InferenceSettings settings;

    @Inject
    Upstream upstream;

    @Inject
    CallLedger ledger;

    public CompletionStage<Reply> embed(String authorization, byte[] body, String requestId) {
        return ledger.open(authorization, Scope.INFERENCE_EMBEDDINGS, ACTION, TASK, "/v1/embeddings", requestId,
                () -> EmbeddingRequest.parse(body, settings.defaults()), EmbeddingRequest::model, this::serve);
    }

    private CompletionStage<Reply> serve(Call call, EmbeddingRequest request) {
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
