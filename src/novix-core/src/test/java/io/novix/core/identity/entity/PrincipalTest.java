package io.novix.core.identity.entity;

import io.novix.core.tenant.entity.TenantId;
import org.junit.jupiter.api.Test;

import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PrincipalTest {

    @Test
    void principalsAreNamedByKind() {
        assertEquals("token:nvx_ab12", Principal.token("nvx_ab12").value());
        assertEquals("sa:svc-1", Principal.serviceAccount("svc-1").value());
        assertEquals("user:alice@bank.example", Principal.user("alice@bank.example").toString());
        assertEquals("anonymous", Principal.orAnonymous(null).value());
    }

    @Test
    void anIdpSubjectCannotForgeALogLineOrGrowWithoutBound() {
        Principal p = Principal.user("eve\n2026-12-02 INFO admin signed in\u202e\u0000");
        assertFalse(p.value().contains("\n"));
        assertFalse(p.value().contains("\u202e"));
        assertFalse(p.value().contains("\u0000"));
        assertEquals(Principal.MAX, Principal.user("x".repeat(5000)).value().length());
        assertThrows(IllegalArgumentException.class, () -> new Principal(" "));
    }

    @Test
    void aTenantIdFromAPathIsOnlyEverAUuid() {
        UUID id = UUID.randomUUID();
        assertEquals(id, TenantId.parse(id.toString()).orElseThrow().value());
        assertTrue(TenantId.parse("../other").isEmpty());
        assertTrue(TenantId.parse(null).isEmpty());
        assertEquals(null, TenantId.valueOf(null));
    }
}
