package io.novix.core.platform.entity;

/** The addressed object does not exist (or is not visible to the caller): HTTP 404. */
public class NotFound extends Refusal {

    public NotFound(String code, String message) {
        super(code, message);
    }
}
