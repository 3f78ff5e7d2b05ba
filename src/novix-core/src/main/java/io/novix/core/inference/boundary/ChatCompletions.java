package io.novix.core.inference.boundary;

import io.novix.core.privacy.entity.Redactor;
import io.novix.core.inference.control.DeclaredTask;
import io.novix.core.inference.control.Exchange;
import io.novix.core.inference.control.Served;
import io.novix.core.inference.control.StreamRelay;
import io.novix.core.inference.entity.Call;
import io.novix.core.inference.entity.ChatRequest;
import io.novix.core.inference.entity.Inbound;
import io.novix.core.kernel.Reply;
import io.novix.core.routing.entity.Task;
import io.novix.core.kernel.OneInstance;

import java.util.concurrent.CompletionStage;

/** {@code POST /v1/chat/completions}: OpenAI chat, passed to the router or TGI's Messages API as it is. */
@OneInstance
public class ChatCompletions extends DeclaredTask<ChatRequest> {

    public ChatCompletions() {
        super("inference.chat", Task.CHAT_COMPLETION);
    }

    public CompletionStage<Reply> complete(Inbound in) {
        return run(in);
    }

    @Override
    public ChatRequest parse(Inbound in) {
        return ChatRequest.parse(in.body(), settings.defaults());
    }

    @Override
    public Demand demand(ChatRequest request, Inbound in) {
        return new Demand(in.body().length, request.maxTokens(), 0);
    }

    @Override
    public String model(ChatRequest request) {
        return request.model();
    }

    @Override
    public Exchange exchange(Call call, ChatRequest request) {
        var bodies = Exchange.bodies(call, request.model(), request.upstreamBody(), request::upstreamBody);
        if (!request.streaming()) {
            return new Exchange.Answer(route -> upstream.chat(route, bodies.apply(route)).thenApply(Served.FromEndpoint::of));
        }
        StreamRelay relay = new StreamRelay(StreamRelay.Dialect.OPENAI_CHAT, request.clientWantsUsage(), request.estimatedPromptTokens(),
                upstream.chunkTimeout(), call.startedNanos(), call.requestId());
        return new Exchange.Stream(relay, route -> upstream.chatStream(route, bodies.apply(route), relay));
    }

    @Override
    public String routablePrompt(ChatRequest request) {
        return request.promptText();
    }

    @Override
    public ChatRequest routed(ChatRequest request, io.novix.core.modelroute.entity.ModelRoute.Decision decision) {
        return request.routed(decision.model(), decision.maxTokens(), decision.temperature());
    }

    @Override
    public boolean cached() {
        return true;
    }

    @Override
    public byte[] cacheForm(ChatRequest request) {
        return request.cacheForm();
    }

    @Override
    public boolean deterministic(ChatRequest request) {
        return request.deterministic();
    }

    @Override
    public io.novix.core.kernel.Reply fromCache(ChatRequest request, byte[] cachedBody) {
        if (!request.streaming()) {
            return io.novix.core.kernel.Reply.ok(cachedBody);
        }
        byte[] events = io.novix.core.inference.entity.ChatReplay.events(cachedBody, request.clientWantsUsage());
        return io.novix.core.kernel.Reply.streaming(out -> out.write(events));
    }

    @Override
    public ChatRequest redacted(ChatRequest request, Redactor redactor) {
        return request.redacted(redactor);
    }
}
