package io.novix.core.kernel;

import jakarta.ejb.ApplicationException;

import java.util.Map;

/**
 * A request Novix refuses for a reason the caller can act on, with a stable error code (which
 * carries the HTTP status). An EJB application exception (inherited by subclasses): it crosses
 * the EJB boundary unwrapped and rolls the transaction back. A stage of the call pipeline refuses
 * by throwing one.
 */
@ApplicationException(rollback = true, inherited = true)
public class Refusal extends RuntimeException {

    private final ErrorCode code;
    private final String param;
    private final transient Map<String, String> headers;

    public Refusal(ErrorCode code, String message) {
        this(code, message, null, Map.of());
    }

    /** {@code param}: the request field at fault; {@code headers}: e.g. {@code Retry-After}. */
    public Refusal(ErrorCode code, String message, String param, Map<String, String> headers) {
        super(message, null, false, false); // a refusal is an answer, not a bug: no stack trace to fill
        this.code = code;
        this.param = param;
        this.headers = Map.copyOf(headers);
    }

    public ErrorCode code() {
        return code;
    }

    public int status() {
        return code.status();
    }

    public String param() {
        return param;
    }

    public Map<String, String> headers() {
        return headers;
    }
}
