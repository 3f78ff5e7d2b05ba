package io.novix.core.identity.entity;

import io.novix.core.tenant.entity.TenantId;
import io.novix.core.identity.entity.Principal;
import io.novix.core.tenant.entity.Tier;
import io.novix.core.identity.entity.Authentication;
import io.novix.core.identity.entity.Caller;
import io.novix.core.identity.entity.Scope;
import io.novix.core.identity.entity.TokenVerdict;
import org.junit.jupiter.api.Test;

import java.util.EnumSet;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class AccessDecisionTest {

    private final UUID mine = UUID.randomUUID();
    private final UUID other = UUID.randomUUID();
    private final Authentication admin = Authentication.granted(new Caller(new Principal("token:a"), TenantId.of(mine), "acme", Tier.STANDARD, null,
            Role.TENANT_ADMIN, EnumSet.allOf(Scope.class)));

    @Test
    void ownTenantIsReachedOtherTenantsAreInvisible() {
        assertTrue(AccessDecision.decide(admin, Operation.TOKEN_LIST, mine, true).allowed());
        AccessDecision cross = AccessDecision.decide(admin, Operation.TOKEN_LIST, other, true);
        assertEquals(404, cross.status());
        assertEquals("tenant_not_found", cross.code().code());
        assertEquals(404, AccessDecision.decide(admin, Operation.TOKEN_LIST, null, false).status(), "a malformed id names nothing");
    }

    @Test
    void thePlatformAdminReachesEveryTenant() {
        Authentication platform = Authentication.granted(Caller.platformAdmin("platform-admin"));
        assertTrue(AccessDecision.decide(platform, Operation.TOKEN_LIST, other, true).allowed());
        assertEquals(403, AccessDecision.decide(platform, Operation.INFERENCE_CHAT, null, false).status());
    }

    @Test
    void permissionIsCheckedBeforeTheTenantAndUnauthenticatedIs401() {
        assertEquals(403, AccessDecision.decide(admin, Operation.TENANT_CREATE, null, false).status());
        AccessDecision none = AccessDecision.decide(Authentication.denied(TokenVerdict.MISSING, new Principal("anonymous"), null),
                Operation.TOKEN_LIST, mine, true);
        assertEquals(401, none.status());
        assertEquals("missing_token", none.code().code());
        assertEquals(403, AccessDecision.decide(Authentication.denied(TokenVerdict.TENANT_SUSPENDED, new Principal("t"), TenantId.of(mine)),
                Operation.TOKEN_LIST, mine, true).status());
    }
}
