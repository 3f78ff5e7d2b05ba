package io.novix.core.kernel;

/** A caller's request that Novix refuses before doing anything (HTTP 400); {@code param} names the field. */
public class InvalidRequest extends Refusal {

    private final String param;

    public InvalidRequest(String code, String message, String param) {
        super(code, message);
        this.param = param;
    }

    public String param() {
        return param;
    }
}
