package io.novix.core.kernel;

/** The caller is known but may not do this: HTTP 403 (401 when {@code unauthenticated}). */
public class Forbidden extends Refusal {

    private final boolean unauthenticated;

    public Forbidden(String code, String message) {
        this(code, message, false);
    }

    public Forbidden(String code, String message, boolean unauthenticated) {
        super(code, message);
        this.unauthenticated = unauthenticated;
    }

    public int status() {
        return unauthenticated ? 401 : 403;
    }
}
