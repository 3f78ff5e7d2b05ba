package io.novix.core.policy.entity;

import io.novix.core.tenant.entity.ComplianceProfile;
import io.novix.core.tenant.entity.Residency;

import java.math.BigDecimal;
import java.util.List;

/** The fields a platform admin may set for a tenant; null keeps the tier's default. Validated at the boundary. */
public record PolicyOverrides(Integer requestsPerMinute, Long tokensPerMinute, Long tokensPerDay, Long tokensPerMonth,
                              BigDecimal budgetUsdPerMonth, List<String> allowedModels, List<String> allowedProviders,
                              List<String> allowedRegions, Residency residency, ComplianceProfile complianceProfile,
                              Boolean dedicatedOnly) {

    public static final PolicyOverrides NONE = new PolicyOverrides(null, null, null, null, null, null, null, null, null, null, null);
}
