package io.novix.api.admin;

import io.novix.core.token.entity.ApiToken;
import io.novix.core.identity.entity.Scope;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A token as listings show it: never the secret. {@code token} is filled only in the answer to
 * the issuing request, the one time the secret is shown.
 */
public record TokenView(UUID id, UUID tenantId, String name, String prefix, String role, List<String> scopes, Instant createdAt,
                        Instant expiresAt, Instant revokedAt, Instant lastUsedAt, Instant rotatedAt, UUID replacedBy,
                        String issuedBy, String token) {

    public static TokenView of(ApiToken t) {
        return withSecret(t, null);
    }

    public static TokenView withSecret(ApiToken t, String secret) {
        return new TokenView(t.id(), t.tenantId(), t.name(), t.prefix(), t.role().value(),
                t.scopeSet().stream().map(Scope::value).sorted().toList(), t.createdAt(), t.expiresAt(),
                t.revokedAt(), t.lastUsedAt(), t.rotatedAt(), t.replacedBy(), t.issuedBy(), secret);
    }

    @Override
    public String toString() {
        return "TokenView[" + prefix + "]";
    }
}
