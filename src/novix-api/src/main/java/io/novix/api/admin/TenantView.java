package io.novix.api.admin;

import io.novix.core.tenant.entity.Tenant;
import io.novix.core.tenant.entity.TierPolicy;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.UUID;

/** A tenant as the admin API shows it, with its tier's policy spelled out. */
public record TenantView(UUID id, String slug, String name, String tier, String homeRegion, String status,
                         Instant createdAt, Policy policy) {

    public record Policy(int maxRequestsPerMinute, BigDecimal slaPercent, String residency, String compliance,
                         boolean dedicatedAccelerators) {
    }

    public static TenantView of(Tenant t) {
        TierPolicy p = t.policy();
        return new TenantView(t.id(), t.slug(), t.name(), t.tier().name(), t.homeRegion(), t.status().name(),
                t.createdAt(), new Policy(p.maxRequestsPerMinute(), p.slaPercent(), p.residency().name(),
                p.compliance().label(), p.dedicatedAccelerators()));
    }
}
