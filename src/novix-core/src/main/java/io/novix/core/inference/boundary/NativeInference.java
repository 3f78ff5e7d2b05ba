package io.novix.core.inference.boundary;

import io.novix.core.inference.control.CallLedger;
import io.novix.core.inference.control.StreamRelay;
import io.novix.core.inference.control.TaskMeter;
import io.novix.core.inference.control.Upstream;
import io.novix.core.inference.entity.Call;
import io.novix.core.inference.entity.NativeRequest;
import io.novix.core.inference.entity.TokenEstimate;
import io.novix.core.inference.control.Gate;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.Reply;
import io.novix.core.routing.boundary.Router;
import io.novix.core.identity.entity.Authentication;
import io.novix.core.identity.entity.Scope;
import io.novix.hf.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The Hugging Face-native face, {@code POST /models/{model}}: the task API's request passed to the
 * model's endpoints and its answer (JSON, image bytes, or TGI token events) passed back unchanged,
 * so {@code @huggingface/inference} pointed at Novix works as it does against Hugging Face.
 */
@ApplicationScoped
public class NativeInference {

    static final String ACTION = "inference.native";

    @Inject
    Gate gate;

    @Inject
    Upstream upstream;

    @Inject
    Router router;

    @Inject
    CallLedger ledger;

    public CompletionStage<Reply> infer(String authorization, String modelPath, String contentType, byte[] body,
                                        String requestId) {
        long started = System.nanoTime();
        Instant at = Instant.now();
        Authentication identified = gate.identify(authorization, at);
        if (!identified.granted()) {
            return gate.deny(identified, ACTION, "/models/" + modelPath, requestId, started, at);
        }
        NativeRequest request;
        InvalidRequest invalid = null;
        try {
            request = NativeRequest.parse(modelPath, contentType, body, registeredTask(modelPath));
        } catch (InvalidRequest e) {
            request = null;
            invalid = e;
        }
        // the scope depends on the task; a request too broken to tell needs any inference token
        Scope scope = request == null ? Scope.INFERENCE_CHAT : ModelCatalog.scopeOf(request.task());
        Authentication auth = gate.require(identified, scope);
        if (!auth.granted()) {
            return gate.deny(auth, ACTION, "/models/" + modelPath, requestId, started, at);
        }
        Call call = new Call(auth.caller().orElseThrow(), ACTION, request == null ? null : request.task(), requestId, started, at);
        if (invalid != null) {
            int status = "unsupported_media_type".equals(invalid.code()) ? 415 : 400;
            return ledger.finish(Reply.error(status, invalid.code(), invalid.getMessage(), invalid.param(), requestId),
                    call, Usage.NONE, null);
        }
        NativeRequest r = request;
        call.about(r.model(), r.task());
        Optional<Reply> full = ledger.admit(call);
        if (full.isPresent()) {
            return ledger.finish(full.get(), call, Usage.NONE, null);
        }
        if (r.streaming()) {
            StreamRelay relay = new StreamRelay(StreamRelay.Dialect.TGI, true, TokenEstimate.of(r.inputText()),
                    upstream.chunkTimeout(), started, requestId);
            return ledger.stream(call, relay, route -> upstream.taskStream(route, r.model(), r.body(), relay));
        }
        return ledger.serve(call, route -> upstream.task(route, r.model(), r.task(), r.contentType(), r.body())
                .thenApply(outcome -> CallLedger.Shaped.of(outcome, answer -> TaskMeter.usage(r, answer)
                        .map(usage -> new CallLedger.Served(Reply.ok(answer.body(), answer.contentType()), usage)))));
    }

    private Optional<String> registeredTask(String modelPath) {
        int pipeline = modelPath.indexOf("/pipeline/");
        String model = pipeline >= 0 ? modelPath.substring(0, pipeline) : modelPath;
        try {
            return router.taskOf(model);
        } catch (RuntimeException e) {
            return Optional.empty(); // an id the database cannot even look up is refused by the parser
        }
    }
}
