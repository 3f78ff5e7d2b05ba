package io.novix.api.inference;

import io.novix.api.platform.Replies;
import io.novix.api.platform.RequestIdFilter;
import io.novix.core.inference.boundary.ModelCatalog;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.concurrent.CompletionStage;

/** OpenAI-compatible model list: what the caller's token may use. */
@Path("/v1/models")
public class ModelsResource {

    @Inject
    ModelCatalog catalog;

    @Context
    HttpServletRequest servletRequest;

    @GET
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> list(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String requestId = String.valueOf(servletRequest.getAttribute(RequestIdFilter.PROPERTY));
        return catalog.list(authorization, requestId).thenApply(reply -> Replies.toResponse(reply, requestId));
    }
}
