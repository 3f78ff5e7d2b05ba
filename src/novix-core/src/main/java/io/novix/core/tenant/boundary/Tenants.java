package io.novix.core.tenant.boundary;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Conflict;
import io.novix.core.kernel.NotFound;
import io.novix.core.tenant.entity.Tenant;
import io.novix.core.tenant.entity.Tier;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

@Stateless
public class Tenants {

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    Clock clock = Clock.systemUTC();

    public Tenant create(NewTenant request) {
        Tier tier = Tier.parse(request.tier()).orElseThrow(() ->
                new IllegalArgumentException("tier must be one of STANDARD, ENTERPRISE, GOVERNMENT"));
        if (bySlug(request.slug()).isPresent()) {
            throw new Conflict(ErrorCode.TENANT_EXISTS, "a tenant with this slug already exists");
        }
        Tenant tenant = new Tenant(request.slug(), request.name(), tier, request.homeRegion(), clock.instant());
        em.persist(tenant);
        return tenant;
    }

    public Tenant find(UUID id) {
        Tenant tenant = em.find(Tenant.class, id);
        if (tenant == null) {
            throw new NotFound(ErrorCode.TENANT_NOT_FOUND, "no tenant with this id");
        }
        return tenant;
    }

    public Optional<Tenant> bySlug(String slug) {
        return em.createNamedQuery(Tenant.BY_SLUG, Tenant.class).setParameter("slug", slug)
                .getResultStream().findFirst();
    }

    public List<Tenant> all() {
        return em.createNamedQuery(Tenant.ALL, Tenant.class).getResultList();
    }

    /** True when the persistence unit works against the migrated schema (for readiness). */
    public boolean schemaReachable() {
        em.createQuery("SELECT t.id FROM Tenant t").setMaxResults(1).getResultList();
        return true;
    }
}
