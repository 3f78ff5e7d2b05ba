package io.novix.core.policy.entity;

import io.novix.core.tenant.entity.ComplianceProfile;
import io.novix.core.tenant.entity.Residency;
import io.novix.core.tenant.entity.Tier;

import java.math.BigDecimal;
import java.util.List;

/**
 * Each tier's policy as the product notes fix it (requests per minute, residency, compliance,
 * dedicated accelerators) and the defaults Novix adds: no token limits and no budget until the
 * platform admin sets them (a call reserves its max_tokens, so a default tokens-per-minute would
 * silently cap the requests per minute the tier promises); third-party inference providers only for
 * Standard and Enterprise; Regional and Sovereign tenants kept to their home region.
 */
record TierDefaults(int requestsPerMinute, Long tokensPerMinute, Long tokensPerDay, Long tokensPerMonth,
                    BigDecimal budgetUsdPerMonth, List<String> allowedModels, List<String> allowedProviders,
                    List<String> allowedRegions, Residency residency, ComplianceProfile complianceProfile, boolean dedicatedOnly) {

    static TierDefaults of(Tier tier, String homeRegion) {
        var p = tier.policy();
        List<String> providers = tier == Tier.GOVERNMENT ? List.of() : List.of("auto");
        List<String> regions = p.residency() == Residency.GLOBAL ? List.of() : List.of(homeRegion);
        return new TierDefaults(p.maxRequestsPerMinute(), null, null, null, null, List.of(), providers, regions,
                p.residency(), p.compliance(), tier == Tier.GOVERNMENT);
    }
}
