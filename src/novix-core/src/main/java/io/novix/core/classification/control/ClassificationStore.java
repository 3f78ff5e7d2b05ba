package io.novix.core.classification.control;

import io.novix.core.classification.entity.ClassificationPolicy;
import io.novix.core.classification.entity.TenantClassification;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/** The tenant_classification rows. */
@Stateless
public class ClassificationStore {

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    public Optional<TenantClassification> find(UUID tenant) {
        TenantClassification c = em.find(TenantClassification.class, tenant);
        if (c != null) {
            em.detach(c);
        }
        return Optional.ofNullable(c);
    }

    public TenantClassification save(UUID tenant, ClassificationPolicy policy) {
        TenantClassification c = em.find(TenantClassification.class, tenant);
        if (c == null) {
            c = new TenantClassification(tenant);
            c.set(policy, Instant.now());
            em.persist(c);
        } else {
            c.set(policy, Instant.now());
        }
        em.flush();
        return c;
    }
}
