package io.novix.core.kernel;

/** A request that is malformed or outside the API; {@code param} names the field at fault. */
public class InvalidRequest extends Refusal {

    public InvalidRequest(ErrorCode code, String message, String param) {
        super(code, message, param, java.util.Map.of());
    }
}
