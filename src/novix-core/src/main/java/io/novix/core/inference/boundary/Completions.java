package io.novix.core.inference.boundary;

import io.novix.core.privacy.entity.Redactor;
import io.novix.core.inference.control.Exchange;
import io.novix.core.inference.control.InferenceSettings;
import io.novix.core.inference.control.InferenceTask;
import io.novix.core.inference.control.Pipeline;
import io.novix.core.inference.control.Served;
import io.novix.core.inference.control.StreamRelay;
import io.novix.core.inference.control.Upstream;
import io.novix.core.inference.entity.Call;
import io.novix.core.inference.entity.CompletionRequest;
import io.novix.core.inference.entity.Inbound;
import io.novix.core.kernel.Reply;
import io.novix.core.routing.entity.Task;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/completions}: the OpenAI legacy completions API as TGI and the router serve it
 * ({@code /v1/completions} upstream), scope {@code inference:chat}, metered from the upstream's usage.
 */
@ApplicationScoped
public class Completions implements InferenceTask<CompletionRequest> {

    @Inject
    InferenceSettings settings;

    @Inject
    Upstream upstream;

    @Inject
    Pipeline pipeline;

    public CompletionStage<Reply> complete(Inbound in) {
        return pipeline.run(this, in);
    }

    @Override
    public String action() {
        return "inference.completions";
    }

    @Override
    public CompletionRequest parse(Inbound in) {
        return CompletionRequest.parse(in.body(), settings.defaults());
    }

    @Override
    public Task task(CompletionRequest request) {
        return Task.TEXT_GENERATION;
    }

    @Override
    public String model(CompletionRequest request) {
        return request.model();
    }

    @Override
    public Exchange exchange(Call call, CompletionRequest request) {
        byte[] body = request.upstreamBody();
        if (!request.streaming()) {
            return new Exchange.Answer(route -> upstream.completion(route, body).thenApply(Served.FromEndpoint::of));
        }
        StreamRelay relay = new StreamRelay(StreamRelay.Dialect.OPENAI_CHAT, request.clientWantsUsage(),
                request.estimatedPromptTokens(), upstream.chunkTimeout(), call.startedNanos(), call.requestId());
        return new Exchange.Stream(relay, route -> upstream.completionStream(route, body, relay));
    }

    @Override
    public CompletionRequest redacted(CompletionRequest request, Redactor redactor) {
        return request.redacted(redactor);
    }
}
