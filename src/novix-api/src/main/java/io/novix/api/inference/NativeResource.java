package io.novix.api.inference;

import io.novix.api.platform.Replies;
import io.novix.api.platform.RequestIdFilter;
import io.novix.core.inference.boundary.NativeInference;
import io.novix.core.inference.entity.Inbound;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.concurrent.CompletionStage;

/**
 * The Hugging Face-native task API. Both the classic {@code /models/{id}} and the router's
 * {@code /hf-inference/models/{id}} paths are served, so {@code @huggingface/inference} works
 * with either an endpoint URL or Novix as its base.
 */
@Path("/")
public class NativeResource {

    @Inject
    NativeInference inference;

    @Context
    HttpServletRequest servletRequest;

    @POST
    @Path("models/{model: .+}")
    @Consumes(MediaType.WILDCARD)
    public CompletionStage<Response> infer(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                           @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                           @PathParam("model") String model, byte[] body) {
        String requestId = RequestIdFilter.of(servletRequest);
        return inference.infer(new Inbound(authorization, contentType, body, "/models/" + model, requestId,
                servletRequest.getRemoteAddr(), servletRequest.getHeader("X-Data-Classification")))
                .thenApply(reply -> Replies.toResponse(reply, requestId));
    }

    @POST
    @Path("hf-inference/models/{model: .+}")
    @Consumes(MediaType.WILDCARD)
    public CompletionStage<Response> inferRouterPath(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                     @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType,
                                                     @PathParam("model") String model, byte[] body) {
        return infer(authorization, contentType, model, body);
    }
}
