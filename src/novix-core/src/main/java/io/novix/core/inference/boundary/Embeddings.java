package io.novix.core.inference.boundary;

import io.novix.core.privacy.entity.Redactor;
import io.novix.core.inference.control.DeclaredTask;
import io.novix.core.inference.control.Exchange;
import io.novix.core.inference.control.Served;
import io.novix.core.inference.entity.Call;
import io.novix.core.inference.entity.Inbound;
import io.novix.core.kernel.Reply;
import io.novix.core.routing.entity.Task;
import io.novix.core.kernel.OneInstance;
import io.novix.core.inference.entity.EmbeddingRequest;
import io.novix.core.inference.entity.TokenEstimate;
import io.novix.hf.TaskAnswers;
import io.novix.hf.Usage;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/embeddings}: OpenAI in, TEI {@code /embed} or the feature-extraction task out,
 * metered from TEI's {@code x-compute-tokens} (estimated when the upstream does not say).
 */
@OneInstance
public class Embeddings extends DeclaredTask<EmbeddingRequest> {

    public Embeddings() {
        super("inference.embeddings", Task.FEATURE_EXTRACTION);
    }

    public CompletionStage<Reply> embed(Inbound in) {
        return run(in);
    }

    @Override
    public EmbeddingRequest parse(Inbound in) {
        return EmbeddingRequest.parse(in.body(), settings.defaults());
    }

    @Override
    public String model(EmbeddingRequest request) {
        return request.model();
    }

    @jakarta.inject.Inject
    io.novix.core.inference.control.EmbeddingBatcher batcher;

    @Override
    public Exchange exchange(Call call, EmbeddingRequest request) {
        if (batcher.enabled() && request.inputs().size() == 1) { // a single input may share an upstream call with others
            long tokens = request.estimatedTokens();
            return new Exchange.Answer(route -> batcher.embed(route, request.model(), request.inputs().get(0)).thenApply(part ->
                    part.failure().map(f -> Served.FromEndpoint.failed(f, part.attempts())).orElseGet(() ->
                            new Served.FromEndpoint(new Served(Reply.ok(request.answer(List.of(part.vector()), tokens)),
                                    new Usage(tokens, 0)), Optional.empty(), part.attempts()))));
        }
        byte[] body = request.upstreamBody();
        return new Exchange.Answer(route -> upstream.task(route, request.model(), Task.FEATURE_EXTRACTION, "application/json", body)
                .thenApply(outcome -> Served.FromEndpoint.of(outcome, answer -> TaskAnswers.embeddings(answer.body())
                        .flatMap(vectors -> {
                            long tokens = TokenEstimate.header(answer.header("x-compute-tokens"), request.estimatedTokens());
                            return Optional.ofNullable(request.answer(vectors, tokens))
                                    .map(json -> new Served(Reply.ok(json), new Usage(tokens, 0)));
                        }))));
    }

    @Override
    public boolean cached() {
        return true;
    }

    /** Embeddings are deterministic: the inputs and the answer's encoding decide the answer. */
    @Override
    public byte[] cacheForm(EmbeddingRequest request) {
        byte[] body = request.upstreamBody();
        byte[] form = java.util.Arrays.copyOf(body, body.length + 1);
        form[body.length] = (byte) (request.base64() ? 'b' : 'f');
        return form;
    }

    @Override
    public boolean deterministic(EmbeddingRequest request) {
        return true;
    }

    @Override
    public EmbeddingRequest redacted(EmbeddingRequest request, Redactor redactor) {
        return request.redacted(redactor);
    }
}
