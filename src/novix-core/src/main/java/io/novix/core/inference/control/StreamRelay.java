package io.novix.core.inference.control;

import static io.novix.hf.JsonBytes.JSON;
import io.novix.core.inference.entity.StreamChunk;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Reply;
import io.novix.core.kernel.StreamWriter;
import io.novix.hf.SseListener;
import io.novix.hf.Usage;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Relays an upstream SSE stream to the client event by event, flushing each one (no buffering),
 * while metering it. Whatever way the stream ends — [DONE], an upstream error event, a cut
 * stream, a silent upstream, a client that hangs up — the result is settled and audited; the
 * closing {@code [DONE]} is written only after the audit row is committed.
 */
public final class StreamRelay implements SseListener, StreamWriter {

    /** The two event formats relayed: the router's OpenAI chunks and TGI's token events. */
    public enum Dialect {
        /** {@code choices[].delta} chunks, an optional usage chunk, ended by {@code [DONE]} */
        OPENAI_CHAT,
        /** {@code {"token":{...},"generated_text":null|"..."}} events; the one with the text is the last */
        TGI
    }

    /**
     * How a relayed stream ended, for metering and the audit row; {@code completion}: a plain chat answer
     * that completed, as a whole chat completion (for the response cache), else null.
     */
    public record Result(String outcome, String errorCode, Usage usage, Integer ttfbMs, boolean clientGone, byte[] completion) {
        public boolean completed() {
            return "completed".equals(outcome);
        }
    }

    private sealed interface Item permits Data, End, Broken {
    }

    private record Data(String data) implements Item {
    }

    private record End() implements Item {
    }

    private record Broken(Throwable error) implements Item {
    }

    private static final byte[] DONE = "data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8);

    private final BlockingQueue<Item> items = new LinkedBlockingQueue<>();
    private final io.novix.core.inference.entity.StreamedAnswer answer = new io.novix.core.inference.entity.StreamedAnswer();
    private final Dialect dialect;
    private final long promptTokens;
    private final boolean clientWantsUsage;
    private final Duration chunkTimeout;
    private final long startedNanos;
    private final String requestId;
    private volatile Runnable cancelUpstream = () -> { };
    private Function<Result, CompletionStage<Void>> onFinish;

    /** {@code promptTokens}: the gateway's estimate, charged when the upstream reports none (TGI, cut streams). */
    public StreamRelay(Dialect dialect, boolean clientWantsUsage, long promptTokens, Duration chunkTimeout,
                       long startedNanos, String requestId) {
        this.dialect = dialect;
        this.promptTokens = promptTokens;
        this.clientWantsUsage = clientWantsUsage;
        this.chunkTimeout = chunkTimeout;
        this.startedNanos = startedNanos;
        this.requestId = requestId;
    }

    /** Called once the upstream answered 200: how to cancel it, and what to do when the stream is over. */
    public void opened(Runnable cancel, Function<Result, CompletionStage<Void>> finish) {
        this.cancelUpstream = cancel;
        this.onFinish = finish;
    }

    @Override
    public void onEvent(String data) {
        items.add(new Data(data));
    }

    @Override
    public void onEnd() {
        items.add(new End());
    }

    @Override
    public void onBroken(Throwable error) {
        items.add(new Broken(error));
    }

    @Override
    public void writeTo(OutputStream out) throws IOException {
        Usage usage = Usage.NONE;
        long counted = 0;
        long deliveredChars = 0;
        Integer ttfb = null;
        String outcome = "completed";
        String errorCode = null;
        boolean clientGone = false;
        byte[] last = null;
        try {
            while (true) {
                Item item = items.poll(chunkTimeout.toMillis(), TimeUnit.MILLISECONDS);
                if (item instanceof Data d && dialect == Dialect.OPENAI_CHAT && "[DONE]".equals(d.data())) {
                    break;
                }
                if (item instanceof Data d) {
                    StreamChunk chunk = StreamChunk.parse(d.data()).orElse(null);
                    if (chunk != null && chunk.isError()) {
                        outcome = "upstream_error";
                        errorCode = ErrorCode.UPSTREAM_STREAM_ERROR.code();
                        clientGone = !sendError(out, ErrorCode.UPSTREAM_STREAM_ERROR, "the upstream failed mid-stream: " + chunk.errorMessage());
                        break;
                    }
                    byte[] event = ("data: " + d.data() + "\n\n").getBytes(StandardCharsets.UTF_8);
                    if (chunk != null && dialect == Dialect.TGI) {
                        counted += chunk.isToken() ? 1 : 0;
                        if (chunk.isFinal()) {
                            usage = new Usage(promptTokens, chunk.generatedTokens().orElse(counted));
                            last = event; // the final event goes out after the audit commit, like [DONE]
                            break;
                        }
                    } else if (chunk != null) {
                        answer.add(chunk);
                        Usage reported = chunk.usage();
                        usage = reported.totalTokens() > 0 ? reported : usage;
                        counted += chunk.hasContent() ? 1 : 0;
                        deliveredChars += chunk.content().length();
                        if (chunk.usageOnly() && !clientWantsUsage) {
                            continue;
                        }
                    }
                    out.write(event);
                    out.flush();
                    ttfb = ttfb != null ? ttfb : elapsedMs();
                    continue;
                }
                cancelUpstream.run();
                outcome = item == null ? "upstream_timeout" : "interrupted";
                ErrorCode cut = item == null ? ErrorCode.UPSTREAM_TIMEOUT : ErrorCode.UPSTREAM_STREAM_INTERRUPTED;
                errorCode = cut.code();
                clientGone = !sendError(out, cut, item == null ? "the upstream stopped sending"
                        : "the upstream stream ended before it was complete");
                break;
            }
        } catch (IOException clientHungUp) {
            cancelUpstream.run();
            outcome = "client_disconnected";
            errorCode = "client_disconnected";
            clientGone = true;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            cancelUpstream.run();
            outcome = "interrupted";
            errorCode = ErrorCode.UPSTREAM_STREAM_INTERRUPTED.code();
        }
        Usage metered = usage.totalTokens() > 0 ? usage : new Usage(promptTokens, delivered(counted, deliveredChars));
        byte[] whole = "completed".equals(outcome) && dialect == Dialect.OPENAI_CHAT ? answer.completion().orElse(null) : null;
        finish(out, new Result(outcome, errorCode, metered, ttfb, clientGone, whole), last == null ? DONE : last);
    }

    /**
     * Completion tokens of a stream the upstream never reported usage for (cut, disconnected): TGI
     * sends one event per token, so its count is exact; a router chunk may carry several tokens, so
     * the larger of the chunks and the delivered text's estimate is charged.
     */
    private long delivered(long counted, long chars) {
        return dialect == Dialect.TGI ? counted : Math.max(counted, (chars + 3) / 4);
    }

    private void finish(OutputStream out, Result result, byte[] closing) {
        boolean audited;
        try {
            onFinish.apply(result).toCompletableFuture().get(10, TimeUnit.SECONDS);
            audited = true;
        } catch (Exception e) {
            audited = false;
        }
        if (result.clientGone()) {
            return;
        }
        try {
            if (!audited) {
                sendError(out, ErrorCode.AUDIT_UNAVAILABLE, "the audit trail could not record this request");
            } else if (result.completed()) {
                out.write(closing);
                out.flush();
            }
        } catch (IOException ignored) {
            // the client left after the last chunk; the audit row already stands
        }
    }

    /** Sends an OpenAI-shaped error event; false when the client is gone. */
    private boolean sendError(OutputStream out, ErrorCode code, String message) {
        try {
            byte[] error = dialect == Dialect.TGI
                    ? JSON.createObjectBuilder().add("error", message).add("error_type", code.code()).add("request_id", requestId)
                    .build().toString().getBytes(StandardCharsets.UTF_8)
                    : Reply.errorBody(code, message, null, requestId);
            out.write("data: ".getBytes(StandardCharsets.UTF_8));
            out.write(error);
            out.write("\n\n".getBytes(StandardCharsets.UTF_8));
            out.flush();
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private int elapsedMs() {
        return (int) ((System.nanoTime() - startedNanos) / 1_000_000);
    }
}
