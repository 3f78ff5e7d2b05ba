package io.novix.hf;

import java.util.concurrent.Flow;

/**
 * Turns body lines into SSE events (WHATWG rules: {@code data:} lines, with or without a space
 * after the colon as TGI and the router differ; a blank line ends an event; comments and other
 * fields ignored) and hands each event's data to a listener. Can cancel the upstream body.
 */
final class SseParser implements Flow.Subscriber<String> {

    private final SseListener listener;
    private final StringBuilder data = new StringBuilder();
    private volatile Flow.Subscription subscription;
    private volatile boolean cancelled;

    SseParser(SseListener listener) {
        this.listener = listener;
    }

    @Override
    public void onSubscribe(Flow.Subscription s) {
        subscription = s;
        if (cancelled) {
            s.cancel();
        } else {
            s.request(Long.MAX_VALUE);
        }
    }

    @Override
    public void onNext(String line) {
        if (line.isEmpty()) {
            dispatch();
        } else if (line.startsWith("data:")) {
            if (data.length() > 0) {
                data.append('\n');
            }
            data.append(line.startsWith("data: ") ? line.substring(6) : line.substring(5));
        }
    }

    @Override
    public void onError(Throwable error) {
        if (!cancelled) {
            listener.onBroken(error);
        }
    }

    @Override
    public void onComplete() {
        dispatch();
        if (!cancelled) {
            listener.onEnd();
        }
    }

    /** Stops reading: the upstream connection is released, no more callbacks are made. */
    void cancel() {
        cancelled = true;
        Flow.Subscription s = subscription;
        if (s != null) {
            s.cancel();
        }
    }

    private void dispatch() {
        if (data.length() > 0 && !cancelled) {
            String event = data.toString();
            data.setLength(0);
            listener.onEvent(event);
        }
    }
}
