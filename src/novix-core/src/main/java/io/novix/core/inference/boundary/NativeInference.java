package io.novix.core.inference.boundary;

import io.novix.core.privacy.entity.Redactor;
import io.novix.core.inference.control.Exchange;
import io.novix.core.inference.control.InferenceTask;
import io.novix.core.inference.control.Pipeline;
import io.novix.core.inference.control.Served;
import io.novix.core.inference.control.StreamRelay;
import io.novix.core.inference.control.TaskMeter;
import io.novix.core.inference.control.Upstream;
import io.novix.core.inference.entity.Call;
import io.novix.core.inference.entity.Inbound;
import io.novix.core.inference.entity.NativeRequest;
import io.novix.core.inference.entity.TokenEstimate;
import io.novix.core.kernel.Reply;
import io.novix.core.routing.boundary.Router;
import io.novix.core.routing.entity.Task;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * The Hugging Face-native face, {@code POST /models/{model}}: the task API's request passed to the
 * model's endpoints and its answer (JSON, image bytes, or TGI token events) passed back unchanged,
 * so {@code @huggingface/inference} pointed at Novix works as it does against Hugging Face. The
 * task, and so the scope, is known only once the request is read.
 */
@OneInstance
public class NativeInference implements InferenceTask<NativeRequest> {

    private static final String PREFIX = "/models/";

    @Inject
    Upstream upstream;

    @Inject
    Router router;

    @Inject
    Pipeline pipeline;

    /** {@code in.path()} is {@code /models/{model}[/pipeline/{task}]}. */
    public CompletionStage<Reply> infer(Inbound in) {
        return pipeline.run(this, in);
    }

    @Override
    public String action() {
        return "inference.native";
    }

    @Override
    public NativeRequest parse(Inbound in) {
        String modelPath = in.path().substring(PREFIX.length());
        return NativeRequest.parse(modelPath, in.contentType(), in.body(), registeredTask(modelPath));
    }

    @Override
    public Task task(NativeRequest request) {
        return request == null ? null : request.task();
    }

    @Override
    public String model(NativeRequest request) {
        return request.model();
    }

    @Override
    public Exchange exchange(Call call, NativeRequest r) {
        if (r.streaming()) {
            StreamRelay relay = new StreamRelay(StreamRelay.Dialect.TGI, true, TokenEstimate.of(r.inputText()),
                    upstream.chunkTimeout(), call.startedNanos(), call.requestId());
            return new Exchange.Stream(relay, route -> upstream.taskStream(route, r.model(), r.body(), relay));
        }
        return new Exchange.Answer(route -> upstream.task(route, r.model(), r.task(), r.contentType(), r.body())
                .thenApply(outcome -> Served.FromEndpoint.of(outcome, answer -> TaskMeter.usage(r, answer)
                        .map(usage -> new Served(Reply.ok(answer.body(), answer.contentType()), usage)))));
    }

    private Optional<Task> registeredTask(String modelPath) {
        int pipeline = modelPath.indexOf("/pipeline/");
        String model = pipeline >= 0 ? modelPath.substring(0, pipeline) : modelPath;
        try {
            return router.taskOf(model);
        } catch (RuntimeException e) {
            return Optional.empty(); // an id the database cannot even look up is refused by the parser
        }
    }

    @Override
    public NativeRequest redacted(NativeRequest request, Redactor redactor) {
        return request.redacted(redactor);
    }
}
