package io.novix.core.token.entity;

import java.util.Optional;
import java.util.UUID;

/** The result of checking a bearer token: a caller, or a denial with what is known of who tried. */
public record Authentication(TokenVerdict verdict, Optional<Caller> caller, String principalHint, UUID tenantHint) {

    public static Authentication granted(Caller caller) {
        return new Authentication(TokenVerdict.VALID, Optional.of(caller), caller.principal(), caller.tenantId());
    }

    public static Authentication denied(TokenVerdict verdict, String principalHint, UUID tenantHint) {
        return new Authentication(verdict, Optional.empty(), principalHint, tenantHint);
    }

    /** A valid token without a caller is a valid token refused for lack of scope: not granted. */
    public boolean granted() {
        return verdict == TokenVerdict.VALID && caller.isPresent();
    }
}
