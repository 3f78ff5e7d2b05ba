package io.novix.api.platform;

import io.novix.core.platform.entity.Reply;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** Turns a core {@link Reply} into a JAX-RS response. */
public final class Replies {

    private Replies() {
    }

    public static Response toResponse(Reply reply, String requestId) {
        Response.ResponseBuilder r = Response.status(reply.status())
                .type(MediaType.APPLICATION_JSON_TYPE)
                .header(RequestIds.HEADER, requestId)
                .entity(reply.body());
        reply.headers().forEach(r::header);
        return r.build();
    }
}
