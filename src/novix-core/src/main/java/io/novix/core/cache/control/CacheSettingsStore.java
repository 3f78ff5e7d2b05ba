package io.novix.core.cache.control;

import io.novix.core.cache.entity.CachePolicy;
import io.novix.core.cache.entity.TenantCache;
import io.novix.core.kernel.Rows;
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
        return Rows.detached(em, TenantCache.class, tenant);
    }

    public TenantCache save(UUID tenant, CachePolicy policy) {
        return Rows.upsert(em, TenantCache.class, tenant, () -> new TenantCache(tenant), c -> c.set(policy, Instant.now()));
    }
}
