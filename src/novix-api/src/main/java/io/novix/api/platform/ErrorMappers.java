package io.novix.api.platform;

import io.novix.core.kernel.Conflict;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.NotFound;
import io.novix.core.kernel.Reply;
import jakarta.ejb.EJBException;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.Context;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.ext.ExceptionMapper;
import jakarta.ws.rs.ext.Provider;

import java.util.logging.Level;
import java.util.logging.Logger;

/** Every failure becomes a JSON error with a stable code; nothing reaches the client as a bare 500. */
@Provider
public class ErrorMappers implements ExceptionMapper<Throwable> {

    /** Request property naming the error code of a mapped failure (read by the admin audit). */
    public static final String ERROR_CODE = "novix.errorCode";
    private static final Logger LOG = Logger.getLogger(ErrorMappers.class.getName());

    @Context
    HttpServletRequest request;

    @Override
    public Response toResponse(Throwable thrown) {
        Throwable e = thrown instanceof EJBException && thrown.getCause() != null ? thrown.getCause() : thrown;
        String requestId = requestId();
        Reply reply;
        if (e instanceof InvalidRequest ir) {
            reply = Reply.error(400, ir.code(), ir.getMessage(), ir.param(), requestId);
        } else if (e instanceof IllegalArgumentException) {
            reply = Reply.error(400, "invalid_field", e.getMessage(), null, requestId);
        } else if (e instanceof NotFound nf) {
            reply = Reply.error(404, nf.code(), nf.getMessage(), null, requestId);
        } else if (e instanceof io.novix.core.kernel.Forbidden f) {
            reply = Reply.error(f.status(), f.code(), f.getMessage(), null, requestId);
        } else if (e instanceof Conflict c) {
            reply = Reply.error(409, c.code(), c.getMessage(), null, requestId);
        } else if (e instanceof io.novix.core.audit.boundary.AuditUnavailable) {
            reply = Reply.error(503, "audit_unavailable", "the audit trail could not record this request; nothing was done", null, requestId);
        } else if (e instanceof WebApplicationException wae) {
            int status = wae.getResponse().getStatus();
            reply = Reply.error(status, code(status), message(status), null, requestId);
        } else {
            LOG.log(Level.SEVERE, "request " + requestId + " failed unexpectedly", e);
            reply = Reply.error(500, "internal_error", "an internal error occurred; quote the request id to support", null, requestId);
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

    private static String code(int status) {
        return switch (status) {
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 406 -> "not_acceptable";
            case 415 -> "unsupported_media_type";
            case 401 -> "unauthorized";
            case 403 -> "forbidden";
            default -> status >= 500 ? "internal_error" : "bad_request";
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
