package io.novix.core.modelroute.control;

import io.novix.core.modelroute.entity.ModelVariant;
import io.novix.core.modelroute.entity.TenantModelPreference;
import jakarta.ejb.Stateless;
import jakarta.persistence.EntityManager;
import jakarta.persistence.PersistenceContext;

import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/** The model_variant and tenant_model_preference rows. */
@Stateless
public class VariantStore {

    @PersistenceContext(unitName = "novix")
    EntityManager em;

    public Optional<ModelVariant> variant(String model) {
        ModelVariant v = em.find(ModelVariant.class, model);
        if (v != null) {
            em.detach(v);
        }
        return Optional.ofNullable(v);
    }

    public List<ModelVariant> variants() {
        List<ModelVariant> all = em.createQuery("SELECT v FROM ModelVariant v ORDER BY v.modelId", ModelVariant.class).getResultList();
        all.forEach(em::detach);
        return all;
    }

    public ModelVariant setVariant(String model, String quantized) {
        ModelVariant v = em.find(ModelVariant.class, model);
        if (v == null) {
            v = new ModelVariant(model);
            v.quantized(quantized, Instant.now());
            em.persist(v);
        } else {
            v.quantized(quantized, Instant.now());
        }
        em.flush();
        return v;
    }

    public boolean removeVariant(String model) {
        ModelVariant v = em.find(ModelVariant.class, model);
        if (v == null) {
            return false;
        }
        em.remove(v);
        return true;
    }

    public Optional<TenantModelPreference> preference(UUID tenant) {
        TenantModelPreference p = em.find(TenantModelPreference.class, tenant);
        if (p != null) {
            em.detach(p);
        }
        return Optional.ofNullable(p);
    }

    public TenantModelPreference prefer(UUID tenant, boolean quantized) {
        TenantModelPreference p = em.find(TenantModelPreference.class, tenant);
        if (p == null) {
            p = new TenantModelPreference(tenant);
            p.preferQuantized(quantized, Instant.now());
            em.persist(p);
        } else {
            p.preferQuantized(quantized, Instant.now());
        }
        em.flush();
        return p;
    }
}
