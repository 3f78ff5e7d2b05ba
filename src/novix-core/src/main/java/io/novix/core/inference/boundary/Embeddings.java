package io.novix.core.inference.boundary;

import io.novix.core.privacy.entity.Redactor;
import io.novix.core.inference.control.DeclaredTask;
import io.novix.core.inference.control.Exchange;
import io.novix.core.inference.control.Served;
import io.novix.core.inference.entity.Call;
import io.novix.core.inference.entity.Inbound;
import io.novix.core.kernel.Reply;
import io.novix.core.routing.entity.Task;
import jakarta.enterprise.context.ApplicationScoped;
import io.novix.core.inference.entity.EmbeddingRequest;
import io.novix.core.inference.entity.TokenEstimate;
import io.novix.hf.TaskAnswers;
import io.novix.hf.Usage;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/embeddings}: OpenAI in, TEI {@code /embed} or the feature-extraction task out,
 * metered from TEI's {@code x-compute-tokens} (estimated when the upstream does not say).
 */
@ApplicationScoped
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

    @Override
    public Exchange exchange(Call call, EmbeddingRequest request) {
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
    public EmbeddingRequest redacted(EmbeddingRequest request, Redactor redactor) {
        return request.redacted(redactor);
    }
}
