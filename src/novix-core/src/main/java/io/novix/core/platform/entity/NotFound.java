package io.novix.core.platform.entity;

import jakarta.ejb.ApplicationException;

/** The addressed object does not exist (or is not visible to the caller). */
@ApplicationException(rollback = true)
public class NotFound extends RuntimeException {

    private final String code;

    public NotFound(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
