package io.novix.core.kernel;

/** The caller may not do this: 403, or 401 when the code says the caller is not who it claims (SAML). */
public class Forbidden extends Refusal {

    public Forbidden(ErrorCode code, String message) {
        super(code, message);
    }
}
