package io.novix.core.inference.control;

import io.novix.core.kernel.Reply;
import io.novix.hf.ChatOutcome;
import io.novix.hf.HfFailure;
import io.novix.hf.TaskOutcome;
import io.novix.hf.Usage;

import java.util.Optional;
import java.util.function.Function;

/** A task answer turned into the client's reply and its metered usage. */
public record Served(Reply reply, Usage usage) {

    /** One endpoint's result: served, or why not (which moves failover on), and how many attempts it took. */
    public record FromEndpoint(Served served, Optional<HfFailure> failure, int attempts) {

        public static FromEndpoint failed(HfFailure failure, int attempts) {
            return new FromEndpoint(null, Optional.of(failure), attempts);
        }

        /** A task answer shaped by {@code shape}; an answer it cannot shape is the endpoint's fault. */
        public static FromEndpoint of(TaskOutcome outcome, Function<TaskOutcome.Answered, Optional<Served>> shape) {
            if (outcome instanceof TaskOutcome.Answered a) {
                return shape.apply(a).map(s -> new FromEndpoint(s, Optional.empty(), a.attempts()))
                        .orElseGet(() -> failed(HfFailure.of(HfFailure.Kind.MALFORMED_RESPONSE, 200,
                                "the upstream answer is not the task's documented shape"), a.attempts()));
            }
            TaskOutcome.Failed f = (TaskOutcome.Failed) outcome;
            return failed(f.failure(), f.attempts());
        }

        /** A chat or completions answer, passed on as the upstream wrote it. */
        public static FromEndpoint of(ChatOutcome outcome) {
            if (outcome instanceof ChatOutcome.Completed done) {
                return new FromEndpoint(new Served(Reply.ok(done.body()), done.usage()), Optional.empty(), done.attempts());
            }
            ChatOutcome.Failed f = (ChatOutcome.Failed) outcome;
            return failed(f.failure(), f.attempts());
        }
    }
}
