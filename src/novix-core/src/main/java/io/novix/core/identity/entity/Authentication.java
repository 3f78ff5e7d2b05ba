package io.novix.core.identity.entity;

import io.novix.core.tenant.entity.TenantId;

import io.novix.core.kernel.ErrorCode;

import java.util.Optional;
import java.util.UUID;

/**
 * The result of checking a bearer credential: a caller, or a denial with what is known of who
 * tried. {@code reason} is the precise cause of a refusal, kept for the audit row (e.g.
 * {@code jwt_alg_not_allowed}); the client only sees the verdict's generic code.
 */
public record Authentication(TokenVerdict verdict, Optional<Caller> caller, Principal principalHint, TenantId tenantHint,
                             String reason) {

    public static Authentication granted(Caller caller) {
        return new Authentication(TokenVerdict.VALID, Optional.of(caller), caller.principal(), caller.tenant(), null);
    }

    public static Authentication denied(TokenVerdict verdict, Principal principalHint, TenantId tenantHint) {
        return new Authentication(verdict, Optional.empty(), principalHint, tenantHint, null);
    }

    public static Authentication denied(TokenVerdict verdict, Principal principalHint, TenantId tenantHint, String reason) {
        return new Authentication(verdict, Optional.empty(), principalHint, tenantHint, reason);
    }

    /** A valid credential refused because it lacks the scope (or its role the permission) for the operation: 403. */
    public static Authentication insufficientScope(Caller caller) {
        return new Authentication(TokenVerdict.VALID, Optional.empty(), caller.principal(), caller.tenant(), "insufficient_scope");
    }

    /** A valid token without a caller is a valid token refused for lack of scope: not granted. */
    public boolean granted() {
        return verdict == TokenVerdict.VALID && caller.isPresent();
    }

    /** What the caller is told when this is not granted: a valid credential lacking the scope is 403. */
    public ErrorCode refusalCode() {
        return verdict == TokenVerdict.VALID ? ErrorCode.INSUFFICIENT_SCOPE : verdict.errorCode();
    }

    /** One wording per verdict, for every face that answers a denial. */
    public String refusalMessage() {
        return switch (verdict) {
            case MISSING -> "an Authorization: Bearer token is required";
            case MALFORMED, UNKNOWN -> "the token is not valid";
            case EXPIRED -> "the token has expired";
            case REVOKED -> "the token has been revoked";
            case TENANT_SUSPENDED -> "the tenant is suspended";
            case CSRF_REQUIRED -> "a state-changing request with a session cookie needs the session's X-Novix-CSRF header";
            case VALID -> "the credential lacks the scope for this operation";
        };
    }

    /** The code for the audit row: the precise reason when there is one. */
    public String auditCode() {
        return reason != null ? reason : refusalCode().code();
    }
}
