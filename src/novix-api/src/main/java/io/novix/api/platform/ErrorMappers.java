package io.novix.api.platform;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Reply;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

/** Every failure becomes a JSON error with a stable code; nothing reaches the client as a bare 500. */
@Provider
public class ErrorMappers implements ExceptionMapper<Throwable> {

    /** Request property naming the error code of a mapped failure (read by the admin audit). */
    public static final String ERROR_CODE = "novix.errorCode";

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable e = Failures.unwrap(thrown);
        String requestId = requestId();
        Reply reply = Failures.known(e, requestId);
        if (reply == null && e instanceof WebApplicationException wae) {
            int status = wae.getResponse().getStatus();
            reply = Reply.error(code(status), message(status), null, requestId);
        } else if (reply == null) {
            reply = Failures.unexpected(e, requestId);
        }
        if (request != null) {
            request.setAttribute(ERROR_CODE, reply.errorCode());
        }
        return Replies.toResponse(reply, requestId);
    }

    private String requestId() {
        Object known = request == null ? null : request.getAttribute(RequestIdFilter.PROPERTY);
        return known != null ? known.toString() : RequestIds.accept(null);
    }

    private static ErrorCode code(int status) {
        return switch (status) {
            case 404 -> ErrorCode.NOT_FOUND;
            case 405 -> ErrorCode.METHOD_NOT_ALLOWED;
            case 406 -> ErrorCode.NOT_ACCEPTABLE;
            case 413 -> ErrorCode.PAYLOAD_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_MEDIA_TYPE;
            case 401 -> ErrorCode.UNAUTHORIZED;
            case 403 -> ErrorCode.FORBIDDEN;
            default -> status >= 500 ? ErrorCode.INTERNAL_ERROR : ErrorCode.BAD_REQUEST;
        };
    }

    private static String message(int status) {
        return switch (status) {
            case 404 -> "no such resource";
            case 405 -> "method not allowed on this resource";
            case 415 -> "unsupported content type";
            default -> "request failed with HTTP " + status;
        };
    }
}
