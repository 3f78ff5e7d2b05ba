package io.novix.core.classification.control;

import io.novix.core.classification.entity.ClassificationPolicy;
import io.novix.core.classification.entity.TenantClassification;
import io.novix.core.kernel.Rows;
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
        return Rows.detached(em, TenantClassification.class, tenant);
    }

    public TenantClassification save(UUID tenant, ClassificationPolicy policy) {
        return Rows.upsert(em, TenantClassification.class, tenant, () -> new TenantClassification(tenant),
                c -> c.set(policy, Instant.now()));
    }
}
