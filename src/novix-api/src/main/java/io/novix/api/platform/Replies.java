package io.novix.api.platform;

import io.novix.core.kernel.Reply;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** Turns a core {@link Reply} into a JAX-RS response. */
public final class Replies {

    private static final byte[] OPENING = ": novix\n\n".getBytes(java.nio.charset.StandardCharsets.US_ASCII);

    private Replies() {
    }

    /** Answers that carry a secret shown once: no cache may keep them. */
    public static Response noStore(Response.ResponseBuilder r) {
        jakarta.ws.rs.core.CacheControl cc = new jakarta.ws.rs.core.CacheControl();
        cc.setNoStore(true);
        return r.cacheControl(cc).header("Pragma", "no-cache").build();
    }

    public static Response toResponse(Reply reply, String requestId) {
        if (reply.streamed()) {
            // each event is flushed as it is written; no proxy may buffer it either
            StreamingOutput body = out -> {
                // Liberty's JAX-RS response swallows the first flush of an async response: without this
                // comment line (ignored by SSE clients) the first event would wait for the second.
                out.write(OPENING);
                out.flush();
                out.flush();
                reply.stream().writeTo(out);
            };
            Response.ResponseBuilder streaming = Response.ok(body, "text/event-stream")
                    .header("Cache-Control", "no-cache")
                    .header("X-Accel-Buffering", "no")
                    .header(RequestIds.HEADER, requestId);
            reply.headers().forEach((name, value) -> { // the call's own headers: rate limits, route, cache
                if (!Reply.CONTENT_TYPE.equals(name) && !"Cache-Control".equalsIgnoreCase(name)) {
                    streaming.header(name, value);
                }
            });
            return streaming.build();
        }
        Response.ResponseBuilder r = Response.status(reply.status())
                .type(reply.contentType())
                .header(RequestIds.HEADER, requestId)
                .entity(reply.body());
        reply.headers().forEach((name, value) -> {
            if (!Reply.CONTENT_TYPE.equals(name)) {
                r.header(name, value);
            }
        });
        return r.build();
    }
}
