package io.novix.api.inference;

import io.novix.api.platform.Replies;
import io.novix.api.platform.RequestIdFilter;
import io.novix.core.inference.boundary.Completions;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.concurrent.CompletionStage;

/** OpenAI-compatible legacy completions (TGI and the router), as `@huggingface/inference` textGeneration calls them. The body is read raw so malformed JSON gets a proper 400. */
@Path("/v1/completions")
public class CompletionsResource {

    @Inject
    Completions completions;

    @Context
    HttpServletRequest servletRequest;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, MediaType.SERVER_SENT_EVENTS})
    public CompletionStage<Response> complete(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        String requestId = String.valueOf(servletRequest.getAttribute(RequestIdFilter.PROPERTY));
        return completions.complete(authorization, body, requestId).thenApply(reply -> Replies.toResponse(reply, requestId));
    }
}
