package io.novix.hf;

/** How opening a stream ended: it is open (events flow to the listener), or it failed before any byte. */
public sealed interface StreamOutcome {

    int attempts();

    /** The upstream answered 200; {@code cancel} stops reading and releases the connection. */
    record Opened(int attempts, Runnable cancel) implements StreamOutcome {
    }

    record Failed(HfFailure failure, int attempts) implements StreamOutcome {
    }
}
