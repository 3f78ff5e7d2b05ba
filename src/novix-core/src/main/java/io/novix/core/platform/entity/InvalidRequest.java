package io.novix.core.platform.entity;

import jakarta.ejb.ApplicationException;

/** A caller's request that Novix refuses before calling any upstream (HTTP 400). */
@ApplicationException(rollback = true)
public class InvalidRequest extends RuntimeException {

    private final String code;
    private final String param;

    public InvalidRequest(String code, String message, String param) {
        super(message);
        this.code = code;
        this.param = param;
    }

    public String code() {
        return code;
    }

    public String param() {
        return param;
    }
}
