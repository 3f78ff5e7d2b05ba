package io.novix.core.policy.control;

import io.novix.core.policy.entity.CredentialLimit;
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

    public List<CredentialLimit> credentialLimits(UUID tenant) {
        List<CredentialLimit> list = em.createQuery("SELECT c FROM CredentialLimit c WHERE c.tenantId = :t ORDER BY c.principal",
                CredentialLimit.class).setParameter("t", tenant).getResultList();
        list.forEach(em::detach);
        return list;
    }

    /** Sets (or, both null, removes) one credential's sub-limits. */
    public void setCredentialLimit(UUID tenant, String principal, Integer rpm, Long tpm) {
        CredentialLimit.Key key = new CredentialLimit(tenant, principal).key();
        CredentialLimit c = em.find(CredentialLimit.class, key);
        if (rpm == null && tpm == null) {
            if (c != null) {
                em.remove(c);
            }
            return;
        }
        if (c == null) {
            c = new CredentialLimit(tenant, principal);
            c.set(rpm, tpm, Instant.now());
            em.persist(c);
        } else {
            c.set(rpm, tpm, Instant.now());
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
