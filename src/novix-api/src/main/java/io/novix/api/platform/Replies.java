package io.novix.api.platform;

import io.novix.core.kernel.Reply;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;

/** Turns a core {@link Reply} into a JAX-RS response. */
public final class Replies {

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
                out.write(ReplyWriter.OPENING);
                out.flush();
                out.flush();
                reply.stream().writeTo(out);
            };
            Response.ResponseBuilder streaming = Response.ok(body, "text/event-stream")
                    .header("Cache-Control", "no-cache")
                    .header("X-Accel-Buffering", "no")
                    .header(RequestIds.HEADER, requestId);
            ReplyWriter.callHeaders(reply, streaming::header);
            return streaming.build();
        }
        Response.ResponseBuilder r = Response.status(reply.status())
                .type(reply.contentType())
                .header(RequestIds.HEADER, requestId)
                .entity(reply.body());
        ReplyWriter.callHeaders(reply, r::header);
        return r.build();
    }
}
