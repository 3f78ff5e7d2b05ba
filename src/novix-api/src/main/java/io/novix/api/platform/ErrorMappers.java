package io.novix.api.platform;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Refusal;
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
        Throwable tooLarge = e;
        while (tooLarge != null && !(tooLarge instanceof BodyLimits.BodyTooLarge)) {
            tooLarge = tooLarge.getCause();
        }
        if (tooLarge instanceof BodyLimits.BodyTooLarge big) {
            reply = BodyLimits.tooLarge(big.limit(), requestId);
        } else if (e instanceof Refusal refusal) {
            reply = Reply.refused(refusal, requestId);
        } else if (e instanceof IllegalArgumentException) {
            // only Novix's own validation speaks to the caller: a library's message may name SQL or internals
            boolean ours = e.getStackTrace().length > 0 && e.getStackTrace()[0].getClassName().startsWith("io.novix.");
            reply = Reply.error(ErrorCode.INVALID_FIELD, ours && e.getMessage() != null ? e.getMessage()
                    : "a value in the request is not valid", null, requestId);
        } else if (e instanceof io.novix.core.audit.boundary.AuditUnavailable) {
            reply = Reply.error(ErrorCode.AUDIT_UNAVAILABLE, "the audit trail could not record this request; nothing was done", null, requestId);
        } else if (io.novix.core.kernel.DatabaseOutage.causedBy(e)) {
            LOG.warning(() -> "request " + requestId + " refused: the database is unavailable");
            reply = io.novix.core.kernel.DatabaseOutage.reply(requestId);
        } else if (e instanceof WebApplicationException wae) {
            int status = wae.getResponse().getStatus();
            reply = Reply.error(code(status), message(status), null, requestId);
        } else {
            LOG.log(Level.SEVERE, "request " + requestId + " failed unexpectedly", e);
            reply = Reply.error(ErrorCode.INTERNAL_ERROR, "an internal error occurred; quote the request id to support", null, requestId);
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
