package io.novix.core.tenant.entity;

import java.math.BigDecimal;
import java.util.Locale;
import java.util.Optional;

/** The product's tiers and the policy each one fixes. */
public enum Tier {
    STANDARD(new TierPolicy(10_000, new BigDecimal("99.9"), Residency.GLOBAL, ComplianceProfile.SOC2, false), 365),
    ENTERPRISE(new TierPolicy(100_000, new BigDecimal("99.95"), Residency.REGIONAL, ComplianceProfile.HIPAA, true), 180),
    GOVERNMENT(new TierPolicy(500_000, new BigDecimal("99.99"), Residency.SOVEREIGN, ComplianceProfile.FEDRAMP_HIGH, true), 30);

    private final TierPolicy policy;
    private final java.time.Duration maxTokenLifetime;

    Tier(TierPolicy policy, int maxTokenDays) {
        this.policy = policy;
        this.maxTokenLifetime = java.time.Duration.ofDays(maxTokenDays);
    }

    /** The longest an API token of this tier may live: stricter tiers rotate credentials sooner. */
    public java.time.Duration maxTokenLifetime() {
        return maxTokenLifetime;
    }

    /**
     * Government tenants admit people only through SAML SSO with the required authentication
     * context: their API tokens may carry machine roles (developer, service), never a person's
     * administrative or audit role.
     */
    public boolean peopleOnlyThroughSso() {
        return this == GOVERNMENT;
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
