package io.novix.core.identity.entity;

import java.util.Optional;
import java.util.UUID;

/**
 * The result of checking a bearer credential: a caller, or a denial with what is known of who
 * tried. {@code reason} is the precise cause of a refusal, kept for the audit row (e.g.
 * {@code jwt_alg_not_allowed}); the client only sees the verdict's generic code.
 */
public record Authentication(TokenVerdict verdict, Optional<Caller> caller, String principalHint, UUID tenantHint,
                             String reason) {

    public static Authentication granted(Caller caller) {
        return new Authentication(TokenVerdict.VALID, Optional.of(caller), caller.principal(), caller.tenantId(), null);
    }

    public static Authentication denied(TokenVerdict verdict, String principalHint, UUID tenantHint) {
        return new Authentication(verdict, Optional.empty(), principalHint, tenantHint, verdict.errorCode());
    }

    public static Authentication denied(TokenVerdict verdict, String principalHint, UUID tenantHint, String reason) {
        return new Authentication(verdict, Optional.empty(), principalHint, tenantHint, reason);
    }

    /** A valid credential refused because it lacks the scope (or its role the permission) for the operation: 403. */
    public static Authentication insufficientScope(Caller caller) {
        return new Authentication(TokenVerdict.VALID, Optional.empty(), caller.principal(), caller.tenantId(), "insufficient_scope");
    }

    /** A valid token without a caller is a valid token refused for lack of scope: not granted. */
    public boolean granted() {
        return verdict == TokenVerdict.VALID && caller.isPresent();
    }

    /** The code for the audit row: the precise reason when there is one. */
    public String auditCode(String replyCode) {
        return reason != null ? reason : replyCode;
    }
}
