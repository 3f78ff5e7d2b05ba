package io.novix.core.policy.entity;

import io.novix.core.quota.entity.Limit;
import io.novix.core.tenant.entity.ComplianceProfile;
import io.novix.core.tenant.entity.Residency;
import io.novix.core.tenant.entity.Tier;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Duration;
import java.time.Instant;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The effective policy is the tier's with the tenant's overrides, and says where each value comes from. */
class TenantPolicyTest {

    @Test
    void tierDefaultsFollowTheProductNotes() {
        EffectivePolicy standard = TenantPolicy.effective(Tier.STANDARD, "eu-west-1", PolicyOverrides.NONE);
        EffectivePolicy government = TenantPolicy.effective(Tier.GOVERNMENT, "us-gov-1", PolicyOverrides.NONE);
        assertEquals(10_000, standard.requestsPerMinute());
        assertEquals(500_000, government.requestsPerMinute());
        assertEquals(Residency.GLOBAL, standard.residency());
        assertEquals(List.of(), standard.allowedRegions(), "Global: any region");
        assertEquals(List.of("us-gov-1"), government.allowedRegions(), "Sovereign: home only");
        assertEquals(List.of(), government.allowedProviders(), "no third-party providers for Government");
        assertTrue(government.dedicatedOnly());
        assertEquals(ComplianceProfile.FEDRAMP_HIGH, government.complianceProfile());
        assertNull(standard.budgetUsdPerMonth());
        assertTrue(standard.sources().values().stream().allMatch("tier"::equals));
    }

    @Test
    void overridesWinAndAreMarkedAsTheTenants() {
        PolicyOverrides o = new PolicyOverrides(120, 50_000L, null, null, new BigDecimal("25.50"), List.of("HuggingFaceH4/zephyr-7b-beta"),
                null, null, null, null, null);
        EffectivePolicy p = TenantPolicy.effective(Tier.ENTERPRISE, "eu-west-1", o);
        assertEquals(120, p.requestsPerMinute());
        assertEquals(50_000L, p.tokensPerMinute());
        assertEquals("tenant", p.sources().get("requestsPerMinute"));
        assertEquals("tier", p.sources().get("tokensPerDay"));
        assertTrue(p.allowsModel("HuggingFaceH4/zephyr-7b-beta"));
        assertFalse(p.allowsModel("mistralai/Mixtral-8x7B-Instruct-v0.1"));
        assertEquals("rpm=120;tpm=50000;budget=25.5;residency=REGIONAL;regions=eu-west-1", p.summary());
    }

    @Test
    void pricesCostCallsAndPeriodsAlign() {
        ModelPrice.Prices zephyr = new ModelPrice.Prices(new BigDecimal("0.00015"), new BigDecimal("0.0002"), BigDecimal.ZERO,
                BigDecimal.ZERO, BigDecimal.ZERO);
        assertEquals(new BigDecimal("0.00035000"), zephyr.cost(1000, 1000, 0, 0, false));
        assertEquals(new BigDecimal("0.00000015"), zephyr.cost(1, 0, 0, 0, false), "never rounded down to free");

        Instant at = Instant.parse("2026-12-02T21:47:48.500Z");
        assertEquals(Instant.parse("2026-12-02T21:47:00Z"), Limit.REQUESTS_PER_MINUTE.periodStart(at, Duration.ofMinutes(1)));
        assertEquals(Instant.parse("2026-12-02T21:47:45Z"), Limit.REQUESTS_PER_MINUTE.periodStart(at, Duration.ofSeconds(5)));
        assertEquals(Instant.parse("2026-12-02T00:00:00Z"), Limit.TOKENS_PER_DAY.periodStart(at, Duration.ofMinutes(1)));
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), Limit.BUDGET_PER_MONTH.periodStart(at, Duration.ofMinutes(1)));
        assertEquals(Instant.parse("2027-01-01T00:00:00Z"), Limit.BUDGET_PER_MONTH.periodEnd(Instant.parse("2026-12-01T00:00:00Z"),
                Duration.ofMinutes(1)));
        assertEquals(50, Limit.REQUESTS_PER_MINUTE.perWindow(600, Duration.ofSeconds(5)), "a 5 s window gets a twelfth");
    }
}
