package io.novix.core.inference.control;

import io.novix.core.inference.entity.NativeRequest;
import io.novix.core.inference.entity.TokenEstimate;
import io.novix.hf.TaskAnswers;
import io.novix.hf.TaskOutcome;
import io.novix.hf.Usage;

import java.util.Locale;
import java.util.Optional;

/**
 * Meters a task answer passed through unchanged, and checks it has the task's shape: TGI's token
 * headers or details first, TEI's {@code x-compute-tokens}, else the gateway's estimate. An answer
 * of the wrong shape is empty, so failover treats it as the endpoint's fault.
 */
public final class TaskMeter {

    private TaskMeter() {
    }

    public static Optional<Usage> usage(NativeRequest request, TaskOutcome.Answered answer) {
        long prompt = TokenEstimate.of(request.inputText());
        String type = answer.contentType().toLowerCase(Locale.ROOT);
        Optional<Usage> usage = switch (request.task()) {
            case TEXT_GENERATION -> TaskAnswers.generated(answer.body()).map(g -> new Usage(
                    TokenEstimate.header(answer.header("x-prompt-tokens"), prompt),
                    TokenEstimate.header(answer.header("x-generated-tokens"),
                            g.generatedTokens().orElse(TokenEstimate.of(g.text())))));
            case FEATURE_EXTRACTION -> TaskAnswers.embeddings(answer.body())
                    .map(v -> new Usage(TokenEstimate.header(answer.header("x-compute-tokens"), prompt), 0));
            case AUTOMATIC_SPEECH_RECOGNITION -> TaskAnswers.transcript(answer.body())
                    .map(t -> new Usage(0, TokenEstimate.of(t.text())));
            case IMAGE_TO_TEXT -> TaskAnswers.caption(answer.body()).map(c -> new Usage(0, TokenEstimate.of(c)));
            case TEXT_TO_IMAGE -> type.startsWith("image/") && answer.body().length > 0
                    ? Optional.of(new Usage(prompt, 0)) : Optional.empty();
            default -> Optional.of(Usage.NONE);
        };
        // a task only guessed from the body may be wrong: pass the answer on rather than refuse it
        return usage.isPresent() || request.taskKnown() ? usage : Optional.of(Usage.NONE);
    }
}
