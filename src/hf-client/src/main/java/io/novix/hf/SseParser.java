package io.novix.hf;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;

/**
 * Turns body bytes into lines and lines into SSE events (WHATWG rules: lines end with LF, CRLF or
 * CR; {@code data:} lines, with or without a space after the colon as TGI and the router differ; a
 * blank line ends an event; comments and other fields ignored) and hands each event's data to a
 * listener. Can cancel the upstream body. Fed by one thread at a time (the connection's reader).
 */
final class SseParser {

    private final SseListener listener;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final StringBuilder data = new StringBuilder();
    private boolean afterCr;
    private volatile boolean cancelled;
    private volatile Runnable abort = () -> { };

    SseParser(SseListener listener) {
        this.listener = listener;
    }

    /** How a cancel stops the upstream body (set once the request exists). */
    void onCancel(Runnable abort) {
        this.abort = abort;
        if (cancelled) {
            abort.run();
        }
    }

    void bytes(ByteBuffer chunk) {
        while (chunk.hasRemaining() && !cancelled) {
            byte b = chunk.get();
            if (b == '\n' && afterCr) {
                afterCr = false; // the LF of a CRLF
            } else if (b == '\n' || b == '\r') {
                afterCr = b == '\r';
                line(line.toString(StandardCharsets.UTF_8)); // an LF or CR never sits inside a UTF-8 sequence
                line.reset();
            } else {
                afterCr = false;
                line.write(b);
            }
        }
    }

    void line(String text) {
        if (text.isEmpty()) {
            dispatch();
        } else if (text.startsWith("data:")) {
            if (data.length() > 0) {
                data.append('\n');
            }
            data.append(text.startsWith("data: ") ? text.substring(6) : text.substring(5));
        }
    }

    /** The connection failed mid-stream. */
    void broken(Throwable error) {
        if (!cancelled) {
            listener.onBroken(error);
        }
    }

    /** The body ended: a last line without its end of line still counts. */
    void end() {
        if (line.size() > 0) {
            line(line.toString(StandardCharsets.UTF_8));
            line.reset();
        }
        dispatch();
        if (!cancelled) {
            listener.onEnd();
        }
    }

    /** Stops reading: the upstream connection is released, no more callbacks are made. */
    void cancel() {
        cancelled = true;
        abort.run();
    }

    private void dispatch() {
        if (data.length() > 0 && !cancelled) {
            String event = data.toString();
            data.setLength(0);
            listener.onEvent(event);
        }
    }
}
