package io.novix.core.policy.control;

import io.novix.core.policy.entity.ModelPrice;
import io.novix.core.policy.entity.PolicyOverrides;
import io.novix.core.policy.entity.TenantPolicy;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The tenant_policy and model_price rows. */
@Stateless
public class PolicyStore {

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    public Optional<PolicyOverrides> overrides(UUID tenant) {
        TenantPolicy p = em.find(TenantPolicy.class, tenant);
        return Optional.ofNullable(p).map(TenantPolicy::overrides);
    }

    public void save(UUID tenant, PolicyOverrides overrides) {
        TenantPolicy p = em.find(TenantPolicy.class, tenant);
        if (p == null) {
            p = new TenantPolicy(tenant);
            p.set(overrides, Instant.now());
            em.persist(p);
        } else {
            p.set(overrides, Instant.now());
        }
        em.flush();
    }

    public Optional<ModelPrice.Prices> price(String model) {
        ModelPrice p = em.find(ModelPrice.class, model);
        return Optional.ofNullable(p).map(ModelPrice::prices);
    }

    public List<ModelPrice> prices() {
        return em.createQuery("SELECT p FROM ModelPrice p ORDER BY p.modelId", ModelPrice.class).getResultList();
    }

    public ModelPrice setPrice(String model, ModelPrice.Prices prices) {
        ModelPrice p = em.find(ModelPrice.class, model);
        if (p == null) {
            p = new ModelPrice(model);
            p.set(prices, Instant.now());
            em.persist(p);
        } else {
            p.set(prices, Instant.now());
        }
        em.flush();
        return p;
    }

    public boolean removePrice(String model) {
        ModelPrice p = em.find(ModelPrice.class, model);
        if (p != null) {
            em.remove(p);
        }
        return p != null;
    }
}
