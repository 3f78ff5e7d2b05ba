package io.novix.api.inference;

import io.novix.api.platform.BodyRules;
import io.novix.api.platform.ErrorMappers;
import io.novix.api.platform.Failures;
import io.novix.api.platform.ReplyWriter;
import io.novix.api.platform.RequestIdFilter;
import io.novix.api.platform.RequestIds;
import io.novix.core.inference.boundary.ChatCompletions;
import io.novix.core.inference.boundary.Completions;
import io.novix.core.inference.boundary.Embeddings;
import io.novix.core.inference.entity.Inbound;
import io.novix.core.kernel.Reply;
import io.novix.hf.CallerWaits;
import jakarta.inject.Inject;
import jakarta.servlet.AsyncContext;
import jakarta.servlet.annotation.WebServlet;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The hot JSON routes of the OpenAI face, served by an async servlet rather than JAX-RS: the same
 * rules (request id, body limits, preflight, JSON errors) and the same core boundaries, without
 * JAX-RS's per-call cost — its provider and filter chains and a JNDI lookup of the managed
 * scheduler on every async response (measured: about 12% of Liberty's CPU per call, see
 * docs/decisions.md). Exact servlet mappings win over the JAX-RS application's {@code /*}; the
 * routes stay documented in {@code META-INF/openapi.yaml}. While a place is free ({@link WaitingThreads}),
 * the request thread waits for its own answer, and a whole chat answer is fetched on it
 * ({@link CallerWaits}); past that bound the call goes asynchronous.
 */
@WebServlet(urlPatterns = {"/v1/chat/completions", "/v1/completions", "/v1/embeddings"}, asyncSupported = true)
public class InferenceServlet extends HttpServlet {

    private static final Logger LOG = Logger.getLogger(InferenceServlet.class.getName());

    @Inject
    transient ChatCompletions chat;

    @Inject
    transient Completions completions;

    @Inject
    transient Embeddings embeddings;

    @Inject
    transient BodyRules rules;

    @Inject
    transient WaitingThreads waiting;

    @Override
    protected void doPost(HttpServletRequest request, HttpServletResponse response) throws IOException {
        String requestId = RequestIds.accept(request.getHeader(RequestIds.HEADER));
        request.setAttribute(RequestIdFilter.PROPERTY, requestId);
        String path = request.getServletPath();
        String authorization = request.getHeader("Authorization");
        long limit = rules.limit(path, null);
        Inbound inbound;
        try {
            Optional<Reply> refused = rules.refusal(path, limit, request.getContentLengthLong(), authorization, requestId,
                    request.getRemoteAddr());
            if (refused.isPresent()) {
                send(refused.get(), requestId, request, response);
                return;
            }
            byte[] body;
            long declared = request.getContentLengthLong(); // at most limit: refused above otherwise
            try (InputStream in = new BodyRules.Bounded(request.getInputStream(), limit)) {
                // a declared length is read into one array of that size, not 8 KiB and a copy (JDK 17's readAllBytes)
                body = declared >= 0 ? in.readNBytes((int) declared) : in.readAllBytes();
            }
            inbound = new Inbound(authorization, null, body, path, requestId, request.getRemoteAddr(),
                    request.getHeader("X-Data-Classification"), request.getHeader("Cache-Control"));
        } catch (IOException | RuntimeException e) {
            send(Failures.replyFor(e, requestId), requestId, request, response);
            return;
        }
        if (waiting.enter()) { // this thread waits for the answer: a whole chat answer is fetched on it
            Reply reply;
            try {
                reply = CallerWaits.on(() -> answer(path, inbound)).toCompletableFuture()
                        .handle((done, failure) -> done != null ? done : Failures.replyFor(failure, requestId)).join();
            } catch (RuntimeException e) {
                reply = Failures.replyFor(e, requestId);
            } finally {
                waiting.leave();
            }
            send(reply, requestId, request, response);
            return;
        }
        CompletionStage<Reply> answer;
        try {
            answer = answer(path, inbound);
        } catch (RuntimeException e) {
            send(Failures.replyFor(e, requestId), requestId, request, response);
            return;
        }
        CompletableFuture<Reply> future = answer.toCompletableFuture();
        if (future.isDone()) { // refused in the pipeline before any I/O: answered on this thread, no async context
            send(future.handle((reply, failure) -> reply != null ? reply : Failures.replyFor(failure, requestId)).join(),
                    requestId, request, response);
            return;
        }
        AsyncContext async = request.startAsync();
        async.setTimeout(0); // the pipeline bounds the call with its own timeouts; the container's 30 s would cut streams
        future.whenComplete((reply, failure) -> {
            try {
                send(reply != null ? reply : Failures.replyFor(failure, requestId), requestId, request, response);
            } catch (IOException | RuntimeException e) {
                LOG.log(Level.FINE, "request " + requestId + ": the answer could not be written", e);
            } finally {
                async.complete();
            }
        });
    }

    private CompletionStage<Reply> answer(String path, Inbound inbound) {
        return switch (path) {
            case "/v1/chat/completions" -> chat.complete(inbound);
            case "/v1/completions" -> completions.complete(inbound);
            default -> embeddings.embed(inbound);
        };
    }

    private static void send(Reply reply, String requestId, HttpServletRequest request, HttpServletResponse response)
            throws IOException {
        if (reply.errorCode() != null) {
            request.setAttribute(ErrorMappers.ERROR_CODE, reply.errorCode());
        }
        ReplyWriter.write(reply, requestId, response);
    }
}
