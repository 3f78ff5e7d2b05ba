package io.novix.core.token.control;

import io.novix.core.identity.entity.Role;
import io.novix.core.tenant.entity.Tier;
import io.novix.core.token.entity.ApiToken;
import io.novix.core.identity.entity.Scope;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/** An immutable copy of what authentication needs from a token row and its tenant. */
public record TokenSnapshot(UUID tokenId, String prefix, byte[] secretHash, UUID tenantId, String tenantSlug,
                            Tier tier, boolean tenantActive, Role role, Set<Scope> scopes, Instant expiresAt, Instant revokedAt) {

    static TokenSnapshot of(ApiToken token) {
        var tenant = token.tenant();
        return new TokenSnapshot(token.id(), token.prefix(), token.secretHash(), tenant.id(), tenant.slug(),
                tenant.tier(), tenant.isActive(), token.role(), Set.copyOf(token.scopeSet()), token.expiresAt(), token.revokedAt());
    }
}
