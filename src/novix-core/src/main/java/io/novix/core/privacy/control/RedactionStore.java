package io.novix.core.privacy.control;

import io.novix.core.privacy.entity.CustomPattern;
import io.novix.core.privacy.entity.PiiRule;
import io.novix.core.privacy.entity.TenantRedaction;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** The tenant_redaction rows. */
@Stateless
public class RedactionStore {

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    public Optional<TenantRedaction> find(UUID tenant) {
        TenantRedaction r = em.find(TenantRedaction.class, tenant);
        if (r != null) {
            em.detach(r);
        }
        return Optional.ofNullable(r);
    }

    public TenantRedaction save(UUID tenant, Boolean upstream, Set<PiiRule> rules, List<CustomPattern> custom) {
        TenantRedaction r = em.find(TenantRedaction.class, tenant);
        if (r == null) {
            r = new TenantRedaction(tenant);
            r.set(upstream, rules, custom, Instant.now());
            em.persist(r);
        } else {
            r.set(upstream, rules, custom, Instant.now());
        }
        em.flush();
        return r;
    }
}
