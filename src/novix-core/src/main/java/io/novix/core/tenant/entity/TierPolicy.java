package io.novix.core.tenant.entity;

import java.math.BigDecimal;

/** What a tier grants: the product's support matrix, one row per tier. */
public record TierPolicy(int maxRequestsPerMinute, BigDecimal slaPercent, Residency residency,
                         ComplianceProfile compliance, boolean dedicatedAccelerators) {

    public TierPolicy {
        if (maxRequestsPerMinute <= 0) {
            throw new IllegalArgumentException("max requests per minute must be positive");
        }
        if (slaPercent.compareTo(BigDecimal.ZERO) <= 0 || slaPercent.compareTo(new BigDecimal("100")) >= 0) {
            throw new IllegalArgumentException("SLA must be a percentage below 100");
        }
    }

    /** Allowed downtime per 30-day month implied by the SLA, in seconds. */
    public long allowedDowntimeSecondsPerMonth() {
        BigDecimal unavailable = BigDecimal.ONE.subtract(slaPercent.movePointLeft(2));
        return unavailable.multiply(BigDecimal.valueOf(30L * 24 * 3600)).longValue();
    }
}
