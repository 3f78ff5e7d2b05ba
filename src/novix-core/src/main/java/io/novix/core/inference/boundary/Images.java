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
import io.novix.core.inference.entity.ImageRequest;
import io.novix.core.inference.entity.TokenEstimate;
import io.novix.core.routing.entity.Route;
import io.novix.hf.HfFailure;
import io.novix.hf.TaskOutcome;
import io.novix.hf.Usage;

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
@OneInstance
public class Images extends DeclaredTask<ImageRequest> {

    public Images() {
        super("inference.images", Task.TEXT_TO_IMAGE);
    }

    public CompletionStage<Reply> generate(Inbound in) {
        return run(in);
    }

    @Override
    public ImageRequest parse(Inbound in) {
        return ImageRequest.parse(in.body(), settings.defaults());
    }

    @Override
    public Demand demand(ImageRequest request, Inbound in) {
        return new Demand(0, 0, request.n()); // priced per image; no tokens are metered for images
    }

    @Override
    public String model(ImageRequest request) {
        return request.model();
    }

    @Override
    public Exchange exchange(Call call, ImageRequest request) {
        return new Exchange.Answer(route -> images(route, request));
    }

    /** All n images from one endpoint; the first failure stands for the lot (and moves to the next endpoint). */
    private CompletableFuture<Served.FromEndpoint> images(Route route, ImageRequest request) {
        List<CompletableFuture<TaskOutcome>> calls = new ArrayList<>();
        for (int i = 0; i < request.n(); i++) {
            calls.add(upstream.task(route, request.model(), Task.TEXT_TO_IMAGE, "application/json", request.upstreamBody(i)));
        }
        return CompletableFuture.allOf(calls.toArray(CompletableFuture[]::new)).thenApply(done -> {
            List<ImageRequest.Image> images = new ArrayList<>();
            int attempts = 0;
            for (CompletableFuture<TaskOutcome> c : calls) {
                TaskOutcome outcome = c.join();
                attempts += outcome.attempts();
                if (outcome instanceof TaskOutcome.Failed f) {
                    return Served.FromEndpoint.failed(f.failure(), attempts);
                }
                TaskOutcome.Answered a = (TaskOutcome.Answered) outcome;
                String type = a.contentType().toLowerCase(Locale.ROOT).split(";")[0].trim();
                if (!type.startsWith("image/") || a.body().length == 0) {
                    return Served.FromEndpoint.failed(HfFailure.of(HfFailure.Kind.MALFORMED_RESPONSE, 200,
                            "text-to-image answered " + type + " instead of an image"), attempts);
                }
                images.add(new ImageRequest.Image(a.body(), type));
            }
            byte[] json = request.answer(images, Instant.now().getEpochSecond());
            return new Served.FromEndpoint(new Served(Reply.ok(json),
                    new Usage(TokenEstimate.of(request.prompt()) * request.n(), 0)), Optional.empty(), attempts);
        });
    }

    @Override
    public ImageRequest redacted(ImageRequest request, Redactor redactor) {
        return request.redacted(redactor);
    }
}
