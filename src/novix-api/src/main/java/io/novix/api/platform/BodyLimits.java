package io.novix.api.platform;

import io.novix.core.kernel.Reply;
import jakarta.annotation.Priority;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.ext.Provider;

import java.util.Optional;

/** {@link BodyRules} for every JAX-RS route: refused before the body is read, or read through a bound. */
@Provider
@PreMatching
@Priority(Priorities.USER + 100) // after RequestIdFilter: refusals carry the request id
public class BodyLimits implements ContainerRequestFilter {

    @Inject
    BodyRules rules;

    @Context
    HttpServletRequest servletRequest;

    @Override
    public void filter(ContainerRequestContext request) {
        String method = request.getMethod();
        if ("GET".equals(method) || "HEAD".equals(method) || "OPTIONS".equals(method)) {
            return;
        }
        String path = "/" + request.getUriInfo().getPath(false).replaceFirst("^/+", "");
        long limit = rules.limit(path, request.getHeaderString(HttpHeaders.CONTENT_TYPE));
        String requestId = RequestIdFilter.of(request);
        Optional<Reply> refused = rules.refusal(path, limit, request.getLength(), request.getHeaderString(HttpHeaders.AUTHORIZATION),
                requestId, servletRequest.getRemoteAddr());
        if (refused.isPresent()) {
            request.abortWith(Replies.toResponse(refused.get(), requestId));
            return;
        }
        request.setEntityStream(new BodyRules.Bounded(request.getEntityStream(), limit));
    }
}
