package io.novix.api.access;

import io.novix.core.identity.entity.Caller;
import jakarta.servlet.http.HttpServletRequest;

/** What the guard learned about a request, for the resource that serves it. */
public final class Acting {

    static final String CALLER = "novix.access.caller";
    static final String BEFORE = "novix.access.before";

    private Acting() {
    }

    /** The authenticated caller; the guard has already let it through. */
    public static Caller caller(HttpServletRequest request) {
        return (Caller) request.getAttribute(CALLER);
    }

    /** The object as it was before the change, for the audit row (secrets are removed there). */
    public static void before(HttpServletRequest request, Object view) {
        request.setAttribute(BEFORE, view);
    }
}
