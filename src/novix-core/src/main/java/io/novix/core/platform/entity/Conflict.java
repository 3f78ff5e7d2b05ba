package io.novix.core.platform.entity;

import jakarta.ejb.ApplicationException;

/** The request contradicts existing state, e.g. a slug already taken. */
@ApplicationException(rollback = true)
public class Conflict extends RuntimeException {

    private final String code;

    public Conflict(String code, String message) {
        super(message);
        this.code = code;
    }

    public String code() {
        return code;
    }
}
