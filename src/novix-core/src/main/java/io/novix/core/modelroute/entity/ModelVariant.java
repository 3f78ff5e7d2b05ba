package io.novix.core.modelroute.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;

/** A model's quantized variant, registered by the platform admin. */
@Entity
@Table(name = "model_variant")
public class ModelVariant {

    @Id
    @Column(name = "model_id", length = 200)
    private String modelId;
    @Column(name = "quantized_model_id", nullable = false, length = 200)
    private String quantizedModelId;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected ModelVariant() {
    }

    public ModelVariant(String modelId) {
        this.modelId = modelId;
    }

    public void quantized(String model, Instant now) {
        this.quantizedModelId = model;
        this.updatedAt = now;
    }

    public String modelId() { return modelId; }
    public String quantizedModelId() { return quantizedModelId; }
    public Instant updatedAt() { return updatedAt; }
}
