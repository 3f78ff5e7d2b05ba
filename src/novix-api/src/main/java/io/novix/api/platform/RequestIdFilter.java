package io.novix.api.platform;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerRequestFilter;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.container.ContainerResponseFilter;
import jakarta.ws.rs.container.PreMatching;
import jakarta.ws.rs.ext.Provider;

/** Gives every request an id (the caller's X-Request-Id when safe) and returns it as a header. */
@Provider
@PreMatching
public class RequestIdFilter implements ContainerRequestFilter, ContainerResponseFilter {

    public static final String PROPERTY = "novix.requestId";

    @Override
    public void filter(ContainerRequestContext request) {
        request.setProperty(PROPERTY, RequestIds.accept(request.getHeaderString(RequestIds.HEADER)));
    }

    @Override
    public void filter(ContainerRequestContext request, ContainerResponseContext response) {
        Object id = request.getProperty(PROPERTY);
        if (id != null && !response.getHeaders().containsKey(RequestIds.HEADER)) {
            response.getHeaders().putSingle(RequestIds.HEADER, id);
        }
    }

    public static String of(ContainerRequestContext request) {
        Object id = request.getProperty(PROPERTY);
        return id != null ? id.toString() : RequestIds.accept(null);
    }

    /** The same id, for resources that read it from the servlet request (the property is mirrored there). */
    public static String of(jakarta.servlet.http.HttpServletRequest request) {
        return String.valueOf(request.getAttribute(PROPERTY));
    }
}
