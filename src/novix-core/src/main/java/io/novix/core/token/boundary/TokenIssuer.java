package io.novix.core.token.boundary;

import io.novix.core.identity.entity.Principal;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Conflict;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import io.novix.core.kernel.NotFound;
import io.novix.core.tenant.boundary.Tenants;
import io.novix.core.tenant.entity.Tenant;
import io.novix.core.token.control.TokenCache;
import io.novix.core.token.entity.ApiToken;
import io.novix.core.identity.entity.Caller;
import io.novix.core.identity.entity.Scope;
import io.novix.core.token.entity.TokenFormat;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.security.SecureRandom;
import java.time.Clock;
import java.util.EnumSet;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/** Issues, lists and revokes a tenant's API tokens. */
@Stateless
public class TokenIssuer {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    @Inject
    Tenants tenants;

    @Inject
    TokenCache cache;

    @Inject
    @ConfigProperty(name = "novix.token.rotation-grace", defaultValue = "PT24H")
    Duration rotationGrace;

    Clock clock = Clock.systemUTC();

    public IssuedToken issue(Caller issuer, UUID tenantId, NewToken request) {
        Tenant tenant = tenants.find(tenantId);
        Set<Scope> scopes = Scope.parseRequired(request.scopes());
        issuer.mayDelegate(request.role(), scopes);
        TokenFormat.Generated generated = TokenFormat.generate(RANDOM);
        ApiToken token = new ApiToken(tenant, request.name(), generated.prefix(), TokenFormat.hash(generated.token()),
                request.role(), scopes, request.expiresAt(), clock.instant()).issuedBy(issuer.principal());
        em.persist(token);
        cache.invalidate(generated.prefix());
        return new IssuedToken(token, generated.token());
    }

    /**
     * Issues a successor with a new secret, the same name, scopes and lifetime (capped by the tier),
     * and leaves the old token valid for the rotation grace period so clients can switch over.
     */
    public IssuedToken rotate(Caller issuer, UUID tenantId, UUID tokenId) {
        ApiToken old = find(tenantId, tokenId);
        issuer.mayDelegate(old.role(), old.scopeSet());
        Instant now = clock.instant();
        if (old.isRevoked() || !now.isBefore(old.expiresAt()) || old.replacedBy() != null) {
            throw new Conflict(ErrorCode.TOKEN_NOT_ROTATABLE, "only a live token that was not rotated before can be rotated");
        }
        Duration lifetime = old.lifetime().compareTo(old.tenant().tier().maxTokenLifetime()) > 0
                ? old.tenant().tier().maxTokenLifetime() : old.lifetime();
        TokenFormat.Generated generated = TokenFormat.generate(RANDOM);
        ApiToken successor = new ApiToken(old.tenant(), old.name(), generated.prefix(), TokenFormat.hash(generated.token()),
                old.role(), old.scopeSet(), now.plus(lifetime), now).issuedBy(issuer.principal());
        em.persist(successor);
        old.rotate(successor, rotationGrace, now);
        cache.invalidate(old.prefix());
        return new IssuedToken(successor, generated.token());
    }

    public List<ApiToken> list(UUID tenantId) {
        tenants.find(tenantId);
        return em.createNamedQuery(ApiToken.OF_TENANT, ApiToken.class).setParameter("tenant", tenantId).getResultList();
    }

    public ApiToken revoke(UUID tenantId, UUID tokenId) {
        ApiToken token = find(tenantId, tokenId);
        token.revoke(clock.instant());
        cache.invalidate(token.prefix());
        return token;
    }

    /** Revokes every live token of the tenant that {@code issuer} issued (a person leaving, a key compromised). */
    public List<ApiToken> revokeIssuedBy(UUID tenantId, Principal issuer) {
        tenants.find(tenantId);
        Instant now = clock.instant();
        List<ApiToken> tokens = em.createNamedQuery(ApiToken.ISSUED_BY, ApiToken.class).setParameter("tenant", tenantId)
                .setParameter("issuer", issuer.value()).getResultList();
        for (ApiToken token : tokens) {
            token.revoke(now);
            cache.invalidate(token.prefix());
        }
        return tokens;
    }

    private ApiToken find(UUID tenantId, UUID tokenId) {
        ApiToken token = em.find(ApiToken.class, tokenId);
        if (token == null || !token.tenantId().equals(tenantId)) {
            throw new NotFound(ErrorCode.TOKEN_NOT_FOUND, "no token with this id for this tenant");
        }
        return token;
    }
}
