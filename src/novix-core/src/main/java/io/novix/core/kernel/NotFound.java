package io.novix.core.kernel;

/** The addressed object does not exist (or is not visible to the caller): HTTP 404. */
public class NotFound extends Refusal {

    public NotFound(ErrorCode code, String message) {
        super(code, message);
    }
}
