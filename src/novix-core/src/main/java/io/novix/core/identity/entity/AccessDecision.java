package io.novix.core.identity.entity;

import io.novix.core.identity.entity.Authentication;
import io.novix.core.identity.entity.Caller;

import java.util.UUID;

/**
 * The verdict on one request: who (if anyone) is calling and whether they may perform the
 * operation on the addressed tenant. Another tenant's objects are answered as not found, so a
 * caller cannot even learn which tenant ids exist.
 */
public record AccessDecision(Authentication authentication, int status, String code, String message) {

    public static AccessDecision decide(Authentication auth, Operation operation, UUID addressedTenant, boolean tenantIdValid) {
        if (!auth.granted()) {
            String code = auth.verdict().errorCode();
            int status = switch (auth.verdict()) {
                case TENANT_SUSPENDED, CSRF_REQUIRED -> 403;
                default -> 401;
            };
            String message = switch (auth.verdict()) {
                case TENANT_SUSPENDED -> "the tenant is suspended";
                case CSRF_REQUIRED -> "a state-changing request with a session cookie needs the session's X-Novix-CSRF header";
                default -> "a valid credential is required";
            };
            return new AccessDecision(auth, status, code, message);
        }
        Caller caller = auth.caller().orElseThrow();
        if (!caller.may(operation)) {
            return new AccessDecision(auth, 403, "permission_denied",
                    "the role " + caller.roleNames() + " (with this credential's scopes) may not " + operation.action());
        }
        if (operation.tenantScoped() && (!tenantIdValid || !caller.reaches(addressedTenant))) {
            return new AccessDecision(auth, 404, "tenant_not_found", "no such tenant");
        }
        return new AccessDecision(auth, 200, null, null);
    }

    public boolean allowed() {
        return status == 200;
    }
}
