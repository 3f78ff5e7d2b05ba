package io.novix.api.inference;

import io.novix.api.platform.Replies;
import io.novix.api.platform.RequestIdFilter;
import io.novix.core.inference.boundary.Transcriptions;
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

/** OpenAI-compatible audio transcription: the multipart body is read raw and parsed in the core. */
@Path("/v1/audio/transcriptions")
public class TranscriptionsResource {

    @Inject
    Transcriptions transcriptions;

    @Context
    HttpServletRequest servletRequest;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Produces({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletionStage<Response> transcribe(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
                                                @HeaderParam(HttpHeaders.CONTENT_TYPE) String contentType, byte[] body) {
        String requestId = String.valueOf(servletRequest.getAttribute(RequestIdFilter.PROPERTY));
        return transcriptions.transcribe(authorization, contentType, body, requestId)
                .thenApply(reply -> Replies.toResponse(reply, requestId));
    }
}
