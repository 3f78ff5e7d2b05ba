package io.novix.core.inference.boundary;

import io.novix.core.inference.control.CallLedger;
import io.novix.core.inference.control.InferenceSettings;
import io.novix.core.inference.control.Upstream;
import io.novix.core.inference.entity.ImageRequest;
import io.novix.core.inference.entity.TokenEstimate;
import io.novix.core.kernel.Reply;
import io.novix.core.routing.entity.Route;
import io.novix.core.identity.entity.Scope;
import io.novix.hf.HfFailure;
import io.novix.hf.TaskOutcome;
import io.novix.hf.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code POST /v1/images/generations}: the text-to-image task, which answers raw image bytes;
 * {@code n} images are generated in parallel on the same endpoint and answered (and audited) as one call.
 */
@ApplicationScoped
public class Images {

    static final String ACTION = "inference.images";
    static final String TASK = "text-to-image";

    @Inject
    InferenceSettings settings;

    @Inject
    Upstream upstream;

    @Inject
    CallLedger ledger;

    public CompletionStage<Reply> generate(String authorization, byte[] body, String requestId) {
        return ledger.open(authorization, Scope.INFERENCE_IMAGES, ACTION, TASK, "/v1/images/generations", requestId,
                () -> ImageRequest.parse(body, settings.defaults()), ImageRequest::model,
                (call, request) -> ledger.serve(call, route -> images(route, request)));
    }

    /** All n images from one endpoint; the first failure stands for the lot (and moves to the next endpoint). */
    private CompletableFuture<CallLedger.Shaped> images(Route route, ImageRequest request) {
        List<CompletableFuture<TaskOutcome>> calls = new ArrayList<>();
        for (int i = 0; i < request.n(); i++) {
            calls.add(upstream.task(route, request.model(), TASK, "application/json", request.upstreamBody(i)));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<ImageRequest.Image> images = new ArrayList<>();
            int attempts = 0;
            for (CompletableFuture<TaskOutcome> c : calls) {
                TaskOutcome outcome = c.join();
                attempts += outcome.attempts();
                if (outcome instanceof TaskOutcome.Failed f) {
                    return new CallLedger.Shaped(null, Optional.of(f.failure()), attempts);
                }
                TaskOutcome.Answered a = (TaskOutcome.Answered) outcome;
                String type = a.contentType().toLowerCase(Locale.ROOT).split(";")[0].trim();
                if (!type.startsWith("image/") || a.body().length == 0) {
                    return new CallLedger.Shaped(null, Optional.of(HfFailure.of(HfFailure.Kind.MALFORMED_RESPONSE, 200,
                            "text-to-image answered " + type + " instead of an image")), attempts);
                }
                images.add(new ImageRequest.Image(a.body(), type));
            }
            byte[] json = request.answer(images, Instant.now().getEpochSecond());
            return new CallLedger.Shaped(new CallLedger.Served(Reply.ok(json),
                    new Usage(TokenEstimate.of(request.prompt()) * request.n(), 0)), Optional.empty(), attempts);
        });
    }
}
