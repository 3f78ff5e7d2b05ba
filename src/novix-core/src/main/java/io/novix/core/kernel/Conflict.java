package io.novix.core.kernel;

/** The request contradicts existing state, e.g. a slug already taken: HTTP 409. */
public class Conflict extends Refusal {

    public Conflict(ErrorCode code, String message) {
        super(code, message);
    }
}
