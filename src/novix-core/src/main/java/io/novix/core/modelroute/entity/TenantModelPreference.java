package io.novix.core.modelroute.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** Whether a tenant prefers a model's quantized variant where one is registered (no row: it does not). */
@Entity
@Table(name = "tenant_model_preference")
public class TenantModelPreference {

    @Id
    @Column(name = "tenant_id")
    private UUID tenantId;
    @Column(name = "prefer_quantized", nullable = false)
    private boolean preferQuantized;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected TenantModelPreference() {
    }

    public TenantModelPreference(UUID tenantId) {
        this.tenantId = tenantId;
    }

    public void preferQuantized(boolean prefer, Instant now) {
        this.preferQuantized = prefer;
        this.updatedAt = now;
    }

    public boolean preferQuantized() { return preferQuantized; }
    public Instant updatedAt() { return updatedAt; }
}
