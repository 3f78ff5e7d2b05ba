package io.novix.hf;

/** The result of a chat completion call after retries: a completion or a failure, never an exception. */
public sealed interface ChatOutcome {

    int attempts();

    /** The upstream's JSON body, passed through unchanged, and the usage read from it. */
    record Completed(byte[] body, Usage usage, int attempts) implements ChatOutcome {
    }

    record Failed(HfFailure failure, int attempts) implements ChatOutcome {
    }
}
