package io.novix.core.audit.boundary;

/** The audit trail could not durably record an entry; the action must not be reported as done. */
public class AuditUnavailable extends RuntimeException {

    public AuditUnavailable(String message, Throwable cause) {
        super(message, cause);
    }
}
