package io.novix.core.policy.entity;

import io.novix.core.tenant.entity.ComplianceProfile;
import io.novix.core.tenant.entity.Residency;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;

/**
 * What a tenant may do, as enforced: its tier's defaults with the platform admin's overrides.
 * Null limits are unlimited. {@code sources} says, per field, whether the value is the tier's or
 * the tenant's own ("tier" / "tenant").
 */
public record EffectivePolicy(int requestsPerMinute, Long tokensPerMinute, Long tokensPerDay, Long tokensPerMonth,
                              BigDecimal budgetUsdPerMonth, List<String> allowedModels, List<String> allowedProviders,
                              List<String> allowedRegions, Residency residency, ComplianceProfile complianceProfile,
                              boolean dedicatedOnly, Map<String, String> sources) {

    public EffectivePolicy {
        allowedModels = List.copyOf(allowedModels);
        allowedProviders = List.copyOf(allowedProviders);
        allowedRegions = List.copyOf(allowedRegions);
        sources = Map.copyOf(sources);
    }

    /** Whether the tenant may call this model (an empty list means the whole catalogue). */
    public boolean allowsModel(String model) {
        int colon = model.indexOf(':'); // a provider suffix does not make another model
        return allowedModels.isEmpty() || allowedModels.contains(colon < 0 ? model : model.substring(0, colon));
    }

    /** The policy in one short line, for audit rows of calls it admitted or refused. */
    public String summary() {
        return "rpm=" + requestsPerMinute + (tokensPerMinute == null ? "" : ";tpm=" + tokensPerMinute)
                + (budgetUsdPerMonth == null ? "" : ";budget=" + budgetUsdPerMonth.stripTrailingZeros().toPlainString())
                + ";residency=" + residency + (allowedRegions.isEmpty() ? "" : ";regions=" + String.join(",", allowedRegions))
                + (dedicatedOnly ? ";dedicated-only" : "");
    }
}
