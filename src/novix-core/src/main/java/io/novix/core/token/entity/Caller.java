package io.novix.core.token.entity;

import io.novix.core.tenant.entity.Tier;

import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, as established by authentication. The tenant always comes from here, never
 * from a request body or path.
 */
public record Caller(String principal, UUID tenantId, String tenantSlug, Tier tier, UUID tokenId, Set<Scope> scopes) {

    public boolean may(Scope scope) {
        return scopes.contains(scope);
    }
}
