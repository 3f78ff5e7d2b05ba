package io.novix.api.platform;

import io.novix.core.kernel.Reply;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writes a core {@link Reply} straight to a servlet response: the same status, headers and body as {@link Replies}. */
public final class ReplyWriter {

    /** An SSE comment written before a stream's first event (ignored by SSE clients). */
    static final byte[] OPENING = ": novix\n\n".getBytes(StandardCharsets.US_ASCII);

    private ReplyWriter() {
    }

    public static void write(Reply reply, String requestId, HttpServletResponse response) throws IOException {
        response.setHeader(RequestIds.HEADER, requestId);
        if (reply.streamed()) {
            response.setStatus(200);
            response.setContentType("text/event-stream");
            // each event is flushed as it is written; no proxy may buffer it either
            response.setHeader("Cache-Control", "no-cache");
            response.setHeader("X-Accel-Buffering", "no");
            callHeaders(reply, response::setHeader);
            OutputStream out = response.getOutputStream();
            out.write(OPENING); // an SSE comment: the headers reach the client before the first token does
            out.flush();
            reply.stream().writeTo(out);
            return;
        }
        response.setStatus(reply.status());
        response.setContentType(reply.contentType());
        callHeaders(reply, response::setHeader);
        byte[] body = reply.body();
        if (body == null) {
            response.setContentLength(0);
            return;
        }
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }

    /**
     * The call's own headers (rate limits, route, cache), without the content type, which each face
     * sets itself, and, on a stream, without a Cache-Control: a stream is never cached.
     */
    static void callHeaders(Reply reply, java.util.function.BiConsumer<String, String> header) {
        reply.headers().forEach((name, value) -> {
            if (!Reply.CONTENT_TYPE.equals(name) && !(reply.streamed() && "Cache-Control".equalsIgnoreCase(name))) {
                header.accept(name, value);
            }
        });
    }
}
