package io.novix.core.cache.entity;

import io.novix.core.kernel.InvalidRequest;
import io.novix.core.tenant.entity.ComplianceProfile;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CachePolicyTest {

    @Test
    void governmentIsOffByDefaultAndTheOthersCacheOnlyDeterministicUnrestrictedCalls() {
        assertFalse(CachePolicy.defaultFor(ComplianceProfile.FEDRAMP_HIGH).enabled());
        CachePolicy soc2 = CachePolicy.defaultFor(ComplianceProfile.SOC2);
        assertTrue(soc2.enabled());
        assertEquals("off", CachePolicy.defaultFor(ComplianceProfile.FEDRAMP_HIGH).refusal("public", true));
        assertEquals("restricted", soc2.refusal("restricted", true));
        assertEquals("not-deterministic", soc2.refusal("internal", false));
        assertNull(soc2.refusal("internal", true));
        assertNull(new CachePolicy(true, 60, false, true).refusal("restricted", false), "a tenant may widen it");
        assertThrows(InvalidRequest.class, () -> new CachePolicy(true, 0, true, false));
    }

    @Test
    void theKeyIsTheTenantsOwn() {
        byte[] request = "{\"messages\":[]}".getBytes(StandardCharsets.UTF_8);
        UUID a = UUID.randomUUID();
        CacheKey k = CacheKey.of(a, "inference.chat", "m/x", request);
        assertEquals(k, CacheKey.of(a, "inference.chat", "m/x", request));
        assertNotEquals(k.hash(), CacheKey.of(UUID.randomUUID(), "inference.chat", "m/x", request).hash());
        assertNotEquals(k.hash(), CacheKey.of(a, "inference.chat", "m/y", request).hash());
        // length-prefixed parts: moving a character between action and model is another key
        assertNotEquals(CacheKey.of(a, "ab", "c", request).hash(), CacheKey.of(a, "a", "bc", request).hash());
    }
}
