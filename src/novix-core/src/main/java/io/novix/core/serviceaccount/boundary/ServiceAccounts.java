package io.novix.core.serviceaccount.boundary;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Conflict;
import io.novix.core.kernel.NotFound;
import io.novix.core.serviceaccount.entity.AccountSnapshot;
import io.novix.core.serviceaccount.entity.ServiceAccount;
import io.novix.core.tenant.boundary.Tenants;
import io.novix.core.tenant.entity.Tenant;
import io.novix.core.token.entity.TokenFormat;
import io.novix.core.identity.entity.Caller;
import io.novix.core.identity.entity.Scope;
import io.novix.core.identity.entity.Role;
import java.util.Set;
import jakarta.ejb.Stateless;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** A tenant's service accounts: created, listed, given a new secret, disabled; and looked up to verify JWTs. */
@Stateless
public class ServiceAccounts {

    private static final SecureRandom RANDOM = new SecureRandom();

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    @Inject
    Tenants tenants;

    public IssuedCredentials create(Caller issuer, UUID tenantId, String name, List<String> scopes) {
        tenants.find(tenantId);
        Set<Scope> granted = Scope.parseRequired(scopes);
        issuer.mayDelegate(Role.SERVICE, granted);
        String secret = secret();
        ServiceAccount account = new ServiceAccount(tenantId, name, clientId(), TokenFormat.hash(secret), granted, Instant.now());
        em.persist(account);
        return new IssuedCredentials(account, secret);
    }

    public List<ServiceAccount> list(UUID tenantId) {
        tenants.find(tenantId);
        return em.createNamedQuery(ServiceAccount.OF_TENANT, ServiceAccount.class).setParameter("tenant", tenantId).getResultList();
    }

    public ServiceAccount find(UUID tenantId, UUID id) {
        ServiceAccount account = em.find(ServiceAccount.class, id);
        if (account == null || !account.tenantId().equals(tenantId)) {
            throw new NotFound(ErrorCode.SERVICE_ACCOUNT_NOT_FOUND, "no service account with this id in this tenant");
        }
        return account;
    }

    public IssuedCredentials rotateSecret(Caller issuer, UUID tenantId, UUID id) {
        ServiceAccount account = find(tenantId, id);
        issuer.mayDelegate(Role.SERVICE, account.scopeSet());
        if (!account.enabled()) {
            throw new Conflict(ErrorCode.SERVICE_ACCOUNT_DISABLED, "a disabled service account cannot get a new secret");
        }
        String secret = secret();
        account.replaceSecret(TokenFormat.hash(secret), Instant.now());
        return new IssuedCredentials(account, secret);
    }

    public ServiceAccount disable(UUID tenantId, UUID id) {
        ServiceAccount account = find(tenantId, id);
        account.disable(Instant.now());
        return account;
    }

    public Optional<ServiceAccount> byClientId(String clientId) {
        return em.createNamedQuery(ServiceAccount.BY_CLIENT, ServiceAccount.class).setParameter("client", clientId)
                .getResultStream().findFirst();
    }

    public Optional<AccountSnapshot> snapshot(UUID id) {
        ServiceAccount a = em.find(ServiceAccount.class, id);
        if (a == null) {
            return Optional.empty();
        }
        Tenant t = em.find(Tenant.class, a.tenantId());
        return Optional.of(new AccountSnapshot(a.id(), a.clientId(), a.tenantId(), t.slug(), t.tier(), t.isActive(),
                a.enabled(), a.scopeSet()));
    }

    private static String clientId() {
        byte[] b = new byte[12];
        RANDOM.nextBytes(b);
        return "sa_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }

    private static String secret() {
        byte[] b = new byte[32];
        RANDOM.nextBytes(b);
        return "nvxsec_" + Base64.getUrlEncoder().withoutPadding().encodeToString(b);
    }
}
