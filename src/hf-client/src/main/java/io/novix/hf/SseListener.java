package io.novix.hf;

/**
 * Receives a Server-Sent Events stream as it arrives: the data of each event (a JSON chunk, an
 * error object, or {@code [DONE]}), then either the end of the body or a transport failure.
 */
public interface SseListener {

    void onEvent(String data);

    /** The upstream body ended (with or without [DONE]; the listener knows which it saw). */
    void onEnd();

    /** The connection failed mid-stream. */
    void onBroken(Throwable error);
}
