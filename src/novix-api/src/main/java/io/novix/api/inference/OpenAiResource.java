package io.novix.api.inference;

import io.novix.api.platform.Replies;
import io.novix.api.platform.RequestIdFilter;
import io.novix.core.inference.boundary.Images;
import io.novix.core.inference.boundary.ModelCatalog;
import io.novix.core.inference.boundary.Transcriptions;
import io.novix.core.inference.entity.Inbound;
import io.novix.core.kernel.Reply;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.concurrent.CompletionStage;
import java.util.function.Function;

/**
 * The OpenAI-compatible face (chat, completions and embeddings: {@link InferenceServlet}). Bodies are read raw, whatever their declared type, so that malformed
 * JSON gets the API's own 400 and not the container's; each task's core boundary does the rest.
 */
@Path("/v1")
public class OpenAiResource {

    @Inject
    Images images;

    @Inject
    Transcriptions transcriptions;

    @Inject
    ModelCatalog catalog;

    @Context
    HttpServletRequest servletRequest;

    @POST
    @Path("images/generations")
    @Consumes(MediaType.WILDCARD)
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> generate(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, byte[] body) {
        return run(images::generate, authorization, null, body, "/v1/images/generations");
    }

    @POST
    @Path("audio/transcriptions")
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletionStage<Response> transcribe(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        return run(transcriptions::transcribe, authorization, contentType, body, "/v1/audio/transcriptions");
    }

    @GET
    @Path("models")
    @Produces(MediaType.APPLICATION_JSON)
    public CompletionStage<Response> models(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization) {
        String requestId = RequestIdFilter.of(servletRequest);
        return catalog.list(authorization, requestId).thenApply(reply -> Replies.toResponse(reply, requestId));
    }

    private CompletionStage<Response> run(Function<Inbound, CompletionStage<Reply>> task, String authorization,
                                          String contentType, byte[] body, String path) {
        String requestId = RequestIdFilter.of(servletRequest);
        return task.apply(new Inbound(authorization, contentType, body, path, requestId, servletRequest.getRemoteAddr(),
                        servletRequest.getHeader("X-Data-Classification"), servletRequest.getHeader("Cache-Control")))
                .thenApply(reply -> Replies.toResponse(reply, requestId));
    }
}
