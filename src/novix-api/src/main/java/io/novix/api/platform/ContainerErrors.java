package io.novix.api.platform;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Reply;
import jakarta.servlet.http.HttpServlet;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;

/**
 * The error page for what the web container refuses before JAX-RS sees it (an encoded slash in a
 * path, a malformed URL): the API's own JSON error shape instead of Liberty's HTML page, and no
 * detail of the container.
 */
public class ContainerErrors extends HttpServlet {

    @Override
    protected void service(HttpServletRequest request, HttpServletResponse response) throws IOException {
        Object raw = request.getAttribute("jakarta.servlet.error.status_code");
        int status = raw instanceof Integer i ? i : response.getStatus();
        ErrorCode code = switch (status) {
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
        };
        Object known = request.getAttribute(RequestIdFilter.PROPERTY);
        String requestId = known != null ? known.toString() : RequestIds.accept(null);
        byte[] body = Reply.errorBody(code, status >= 500 ? "an internal error occurred; quote the request id to support"
                : "the request was refused before it was read (HTTP " + status + ")", null, requestId);
        response.setStatus(status);
        response.setContentType("application/json");
        response.setHeader(RequestIds.HEADER, requestId);
        response.setContentLength(body.length);
        response.getOutputStream().write(body);
    }
}
