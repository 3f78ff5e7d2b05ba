package io.novix.core.user.entity;

import io.novix.core.identity.entity.Role;
import io.novix.core.serviceaccount.entity.ServiceAccount;
import io.novix.core.identity.entity.Scope;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class RolesAndGroupsTest {

    private final UUID tenant = UUID.randomUUID();
    private final Instant now = Instant.parse("2026-12-02T10:00:00Z");

    @Test
    void usersHoldTenantRolesOnly() {
        TenantUser u = new TenantUser(tenant, "ada@acme.example", "Ada", now);
        assertTrue(u.bind(Role.AUDITOR));
        assertFalse(u.bind(Role.AUDITOR), "binding twice changes nothing");
        assertThrows(IllegalArgumentException.class, () -> u.bind(Role.PLATFORM_ADMIN));
        assertEquals(EnumSet.of(Role.AUDITOR), u.roles());
        assertTrue(u.unbind(Role.AUDITOR));
        assertFalse(u.unbind(Role.AUDITOR));
        assertThrows(IllegalArgumentException.class, () -> new TenantUser(tenant, "a b<script>", "x", now));
    }

    @Test
    void groupsMapToRolesAndUnknownGroupsGiveNothing() {
        List<GroupMapping> table = List.of(new GroupMapping(tenant, "novix-admins", Role.TENANT_ADMIN),
                new GroupMapping(tenant, "novix-admins", Role.AUDITOR), new GroupMapping(tenant, "devs", Role.DEVELOPER));
        assertEquals(EnumSet.of(Role.TENANT_ADMIN, Role.AUDITOR), GroupMapping.rolesFor(Set.of("novix-admins", "other"), table));
        assertEquals(EnumSet.noneOf(Role.class), GroupMapping.rolesFor(Set.of("NOVIX-ADMINS"), table), "group names are exact");
        assertThrows(IllegalArgumentException.class, () -> new GroupMapping(tenant, "root", Role.PLATFORM_ADMIN));
    }

    @Test
    void serviceAccountsGrantOnlyWhatTheyHoldAndOnlyInferenceScopes() {
        ServiceAccount sa = new ServiceAccount(tenant, "batch", "sa_x", new byte[32],
                EnumSet.of(Scope.INFERENCE_CHAT, Scope.INFERENCE_EMBEDDINGS), now);
        assertEquals(EnumSet.of(Scope.INFERENCE_CHAT, Scope.INFERENCE_EMBEDDINGS), sa.grant(Set.of()));
        assertEquals(EnumSet.of(Scope.INFERENCE_CHAT), sa.grant(Set.of(Scope.INFERENCE_CHAT)));
        assertEquals(Set.of(), sa.grant(Set.of(Scope.INFERENCE_CHAT, Scope.INFERENCE_IMAGES)));
        assertThrows(IllegalArgumentException.class, () -> new ServiceAccount(tenant, "x", "sa_y", new byte[32],
                EnumSet.of(Scope.ADMIN_TOKENS), now), "a machine identity never administers");
        assertTrue(sa.accepts(new byte[32]));
        sa.disable(now);
        assertFalse(sa.accepts(new byte[32]), "a disabled account's right secret is refused");
    }
}
