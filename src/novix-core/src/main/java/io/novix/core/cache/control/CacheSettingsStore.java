package io.novix.core.cache.control;

import io.novix.core.cache.entity.CachePolicy;
import io.novix.core.cache.entity.TenantCache;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The tenant_cache rows. */
@Stateless
public class CacheSettingsStore {

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    public Optional<TenantCache> find(UUID tenant) {
        TenantCache c = em.find(TenantCache.class, tenant);
        if (c != null) {
            em.detach(c);
        }
        return Optional.ofNullable(c);
    }

    public TenantCache save(UUID tenant, CachePolicy policy) {
        TenantCache c = em.find(TenantCache.class, tenant);
        if (c == null) {
            c = new TenantCache(tenant);
            c.set(policy, Instant.now());
            em.persist(c);
        } else {
            c.set(policy, Instant.now());
        }
        em.flush();
        return c;
    }
}
