package io.novix.core.kernel;

import jakarta.ejb.ApplicationException;

/**
 * A request Novix refuses for a reason the caller can act on, with a stable error code. An EJB
 * application exception (inherited by subclasses): it crosses the EJB boundary unwrapped and
 * rolls the transaction back.
 */
@ApplicationException(rollback = true, inherited = true)
public abstract class Refusal extends RuntimeException {

    private final String code;

    protected Refusal(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
