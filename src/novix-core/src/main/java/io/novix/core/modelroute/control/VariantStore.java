package io.novix.core.modelroute.control;

import io.novix.core.kernel.Rows;
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
        return Rows.detached(em, ModelVariant.class, model);
    }

    public List<ModelVariant> variants() {
        List<ModelVariant> all = em.createQuery("SELECT v FROM ModelVariant v ORDER BY v.modelId", ModelVariant.class).getResultList();
        all.forEach(em::detach);
        return all;
    }

    public ModelVariant setVariant(String model, String quantized) {
        return Rows.upsert(em, ModelVariant.class, model, () -> new ModelVariant(model), v -> v.quantized(quantized, Instant.now()));
    }

    public boolean removeVariant(String model) {
        return Rows.remove(em, ModelVariant.class, model);
    }

    public Optional<TenantModelPreference> preference(UUID tenant) {
        return Rows.detached(em, TenantModelPreference.class, tenant);
    }

    public TenantModelPreference prefer(UUID tenant, boolean quantized) {
        return Rows.upsert(em, TenantModelPreference.class, tenant, () -> new TenantModelPreference(tenant),
                p -> p.preferQuantized(quantized, Instant.now()));
    }
}
