package io.novix.api.platform;

import io.novix.core.audit.boundary.AuditUnavailable;
import io.novix.core.kernel.DatabaseOutage;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Refusal;
import io.novix.core.kernel.Reply;
import jakarta.ejb.EJBException;

import java.util.logging.Level;
import java.util.logging.Logger;

/** A failure as the API's JSON error with a stable code: the same answer from JAX-RS and from the servlets. */
public final class Failures {

    private static final Logger LOG = Logger.getLogger(Failures.class.getName());

    private Failures() {
    }

    /** The thrown exception without the EJB container's wrapping. */
    public static Throwable unwrap(Throwable thrown) {
        Throwable e = thrown;
        while ((e instanceof EJBException || e instanceof java.util.concurrent.CompletionException) && e.getCause() != null) {
            e = e.getCause();
        }
        return e;
    }

    /** The answer to a failure Novix knows, or null. */
    public static Reply known(Throwable e, String requestId) {
        Throwable tooLarge = e;
        while (tooLarge != null && !(tooLarge instanceof BodyRules.BodyTooLarge)) {
            tooLarge = tooLarge.getCause();
        }
        if (tooLarge instanceof BodyRules.BodyTooLarge big) {
            return BodyRules.tooLarge(big.limit(), requestId);
        }
        if (e instanceof Refusal refusal) {
            return Reply.refused(refusal, requestId);
        }
        if (e instanceof IllegalArgumentException) {
            // only Novix's own validation speaks to the caller: a library's message may name SQL or internals
            boolean ours = e.getStackTrace().length > 0 && e.getStackTrace()[0].getClassName().startsWith("io.novix.");
            return Reply.error(ErrorCode.INVALID_FIELD, ours && e.getMessage() != null ? e.getMessage()
                    : "a value in the request is not valid", null, requestId);
        }
        if (e instanceof AuditUnavailable) {
            return Reply.error(ErrorCode.AUDIT_UNAVAILABLE, "the audit trail could not record this request; nothing was done", null, requestId);
        }
        if (DatabaseOutage.causedBy(e)) {
            LOG.warning(() -> "request " + requestId + " refused: the database is unavailable");
            return DatabaseOutage.reply(requestId);
        }
        return null;
    }

    /** An unexpected failure: logged with its stack, answered without any detail. */
    public static Reply unexpected(Throwable e, String requestId) {
        LOG.log(Level.SEVERE, "request " + requestId + " failed unexpectedly", e);
        return Reply.error(ErrorCode.INTERNAL_ERROR, "an internal error occurred; quote the request id to support", null, requestId);
    }

    /** Any failure's answer. */
    public static Reply replyFor(Throwable thrown, String requestId) {
        Throwable e = unwrap(thrown);
        Reply known = known(e, requestId);
        return known != null ? known : unexpected(e, requestId);
    }
}
