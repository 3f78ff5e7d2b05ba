package io.novix.core.tenant.entity;

import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class TierTest {

    @Test
    void policiesFollowTheProductTable() {
        TierPolicy s = Tier.STANDARD.policy();
        TierPolicy e = Tier.ENTERPRISE.policy();
        TierPolicy g = Tier.GOVERNMENT.policy();
        assertEquals(10_000, s.maxRequestsPerMinute());
        assertEquals(100_000, e.maxRequestsPerMinute());
        assertEquals(500_000, g.maxRequestsPerMinute());
        assertEquals(new BigDecimal("99.9"), s.slaPercent());
        assertEquals(new BigDecimal("99.95"), e.slaPercent());
        assertEquals(new BigDecimal("99.99"), g.slaPercent());
        assertEquals(Residency.GLOBAL, s.residency());
        assertEquals(Residency.REGIONAL, e.residency());
        assertEquals(Residency.SOVEREIGN, g.residency());
        assertEquals("SOC 2", s.compliance().label());
        assertEquals("HIPAA", e.compliance().label());
        assertEquals("FedRAMP High", g.compliance().label());
        assertFalse(s.dedicatedAccelerators());
        assertTrue(e.dedicatedAccelerators());
        assertTrue(g.dedicatedAccelerators());
    }

    @Test
    void slaTranslatesIntoAllowedDowntime() {
        assertEquals(2592, Tier.STANDARD.policy().allowedDowntimeSecondsPerMonth());
        assertEquals(259, Tier.GOVERNMENT.policy().allowedDowntimeSecondsPerMonth());
    }

    @Test
    void tierNamesParseCaseInsensitivelyAndRejectOthers() {
        assertEquals(Tier.GOVERNMENT, Tier.parse(" government ").orElseThrow());
        assertTrue(Tier.parse("platinum").isEmpty());
        assertTrue(Tier.parse(null).isEmpty());
    }

    @Test
    void policyRejectsImpossibleValues() {
        assertThrows(IllegalArgumentException.class, () -> new TierPolicy(0, BigDecimal.ONE, Residency.GLOBAL, ComplianceProfile.SOC2, false));
        assertThrows(IllegalArgumentException.class, () -> new TierPolicy(1, new BigDecimal("100"), Residency.GLOBAL, ComplianceProfile.SOC2, false));
    }

    @Test
    void tenantValidatesSlugNameAndRegion() {
        Instant now = Instant.now();
        Tenant t = new Tenant("acme-bank", "Acme Bank", Tier.ENTERPRISE, "eu-west-1", now);
        assertTrue(t.isActive());
        assertEquals(Tier.ENTERPRISE.policy(), t.policy());
        assertThrows(IllegalArgumentException.class, () -> new Tenant("Acme", "x", Tier.STANDARD, "eu", now));
        assertThrows(IllegalArgumentException.class, () -> new Tenant("-acme", "x", Tier.STANDARD, "eu", now));
        assertThrows(IllegalArgumentException.class, () -> new Tenant("acme", " ", Tier.STANDARD, "eu", now));
        assertThrows(IllegalArgumentException.class, () -> new Tenant("acme", "Acme", Tier.STANDARD, "Europe West", now));
        t.suspend();
        assertFalse(t.isActive());
    }
}
