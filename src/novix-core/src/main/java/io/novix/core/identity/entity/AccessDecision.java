package io.novix.core.identity.entity;

import io.novix.core.kernel.ErrorCode;

import io.novix.core.identity.entity.Authentication;
import io.novix.core.identity.entity.Caller;

import java.util.UUID;

/**
 * The verdict on one request: who (if anyone) is calling and whether they may perform the
 * operation on the addressed tenant. Another tenant's objects are answered as not found, so a
 * caller cannot even learn which tenant ids exist.
 */
public record AccessDecision(Authentication authentication, ErrorCode code, String message) {

    public static AccessDecision decide(Authentication auth, Operation operation, UUID addressedTenant, boolean tenantIdValid) {
        if (!auth.granted()) {
            return new AccessDecision(auth, auth.refusalCode(), auth.refusalMessage());
        }
        Caller caller = auth.caller().orElseThrow();
        if (!caller.may(operation)) {
            return new AccessDecision(auth, ErrorCode.PERMISSION_DENIED,
                    "the role " + caller.roleNames() + " (with this credential's scopes) may not " + operation.action());
        }
        if (operation.tenantScoped() && (!tenantIdValid || !caller.reaches(addressedTenant))) {
            return new AccessDecision(auth, ErrorCode.TENANT_NOT_FOUND, "no such tenant");
        }
        return new AccessDecision(auth, null, null);
    }

    /** The audit row's code: the credential's precise reason when it was refused, else the decision's code. */
    public String auditCode() {
        return authentication.granted() ? code.code() : authentication.auditCode();
    }

    /** 200 when allowed, else the refusal's status. */
    public int status() {
        return code == null ? 200 : code.status();
    }

    public boolean allowed() {
        return code == null;
    }
}
