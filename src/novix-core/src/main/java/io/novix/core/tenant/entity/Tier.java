package io.novix.core.tenant.entity;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/** The product's tiers and the policy each one fixes. */
public enum Tier {
    STANDARD(new TierPolicy(10_000, new BigDecimal("99.9"), Residency.GLOBAL, ComplianceProfile.SOC2, false)),
    ENTERPRISE(new TierPolicy(100_000, new BigDecimal("99.95"), Residency.REGIONAL, ComplianceProfile.HIPAA, true)),
    GOVERNMENT(new TierPolicy(500_000, new BigDecimal("99.99"), Residency.SOVEREIGN, ComplianceProfile.FEDRAMP_HIGH, true));

    private final TierPolicy policy;

    Tier(TierPolicy policy) {
        this.policy = policy;
    }

    public TierPolicy policy() {
        return policy;
    }

    /** Case-insensitive lookup for API input; empty when the name is not a tier. */
    public static Optional<Tier> parse(String name) {
        if (name == null) {
            return Optional.empty();
        }
        try {
            return Optional.of(valueOf(name.trim().toUpperCase(Locale.ROOT)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
