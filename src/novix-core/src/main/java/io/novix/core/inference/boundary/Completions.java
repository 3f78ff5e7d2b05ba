package io.novix.core.inference.boundary;

import io.novix.core.privacy.entity.Redactor;
import io.novix.core.inference.control.DeclaredTask;
import io.novix.core.inference.control.Exchange;
import io.novix.core.inference.control.Served;
import io.novix.core.inference.control.StreamRelay;
import io.novix.core.inference.entity.Call;
import io.novix.core.inference.entity.CompletionRequest;
import io.novix.core.inference.entity.Inbound;
import io.novix.core.kernel.Reply;
import io.novix.core.routing.entity.Task;
import io.novix.core.kernel.OneInstance;

import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/completions}: the OpenAI legacy completions API as TGI and the router serve it
 * ({@code /v1/completions} upstream), scope {@code inference:chat}, metered from the upstream's usage.
 */
@OneInstance
public class Completions extends DeclaredTask<CompletionRequest> {

    public Completions() {
        super("inference.completions", Task.TEXT_GENERATION);
    }

    public CompletionStage<Reply> complete(Inbound in) {
        return run(in);
    }

    @Override
    public CompletionRequest parse(Inbound in) {
        return CompletionRequest.parse(in.body(), settings.defaults());
    }

    @Override
    public Demand demand(CompletionRequest request, Inbound in) {
        return new Demand(in.body().length, request.maxTokens(), 0);
    }

    @Override
    public String model(CompletionRequest request) {
        return request.model();
    }

    @Override
    public Exchange exchange(Call call, CompletionRequest request) {
        var bodies = Exchange.bodies(call, request.model(), request.upstreamBody(), request::upstreamBody);
        if (!request.streaming()) {
            return new Exchange.Answer(route -> upstream.completion(route, bodies.apply(route)).thenApply(Served.FromEndpoint::of));
        }
        StreamRelay relay = new StreamRelay(StreamRelay.Dialect.OPENAI_CHAT, request.clientWantsUsage(),
                request.estimatedPromptTokens(), upstream.chunkTimeout(), call.startedNanos(), call.requestId());
        return new Exchange.Stream(relay, route -> upstream.completionStream(route, bodies.apply(route), relay));
    }

    @Override
    public CompletionRequest redacted(CompletionRequest request, Redactor redactor) {
        return request.redacted(redactor);
    }
}
