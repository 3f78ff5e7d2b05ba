package io.novix.core.cache.entity;

import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.time.Instant;
import java.util.UUID;

/** A tenant's cache settings as stored. */
@Entity
@Table(name = "tenant_cache")
public class TenantCache {

    @Id
    @Column(name = "tenant_id")
    private UUID tenantId;
    @Column(nullable = false)
    private boolean enabled;
    @Column(name = "ttl_seconds", nullable = false)
    private int ttlSeconds;
    @Column(name = "deterministic_only", nullable = false)
    private boolean deterministicOnly;
    @Column(name = "restricted_allowed", nullable = false)
    private boolean restrictedAllowed;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected TenantCache() {
    }

    public TenantCache(UUID tenantId) {
        this.tenantId = tenantId;
    }

    public void set(CachePolicy p, Instant now) {
        enabled = p.enabled();
        ttlSeconds = p.ttlSeconds();
        deterministicOnly = p.deterministicOnly();
        restrictedAllowed = p.restrictedAllowed();
        updatedAt = now;
    }

    public CachePolicy policy() {
        return new CachePolicy(enabled, ttlSeconds, deterministicOnly, restrictedAllowed);
    }

    public Instant updatedAt() { return updatedAt; }
}
