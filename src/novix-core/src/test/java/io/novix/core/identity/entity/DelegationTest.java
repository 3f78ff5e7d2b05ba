package io.novix.core.identity.entity;

import io.novix.core.tenant.entity.TenantId;
import io.novix.core.identity.entity.Principal;
import io.novix.core.kernel.Forbidden;
import io.novix.core.tenant.entity.Tier;
import io.novix.core.identity.entity.Caller;
import io.novix.core.identity.entity.Scope;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Delegation over the whole permission matrix: every issuer role × every set of scopes its
 * credential may carry × every target role × every set of target scopes (5 × 128 × 5 × 128 cases).
 * Whatever is allowed must leave the created credential with no operation, no scope and no
 * delegable power that the issuer lacks.
 */
class DelegationTest {

    private static final List<Set<Scope>> ALL_SCOPE_SETS = powerSet();

    @Test
    void nothingCreatedIsEverWiderThanItsCreator() {
        int allowed = 0;
        int refused = 0;
        for (Role issuerRole : Role.values()) {
            for (Set<Scope> issuerScopes : ALL_SCOPE_SETS) {
                Caller issuer = caller(issuerRole, issuerScopes);
                Set<Scope> issuerOwn = Delegation.own(Set.of(issuerRole), issuerScopes);
                for (Role target : Role.values()) {
                    for (Set<Scope> granted : ALL_SCOPE_SETS) {
                        boolean ok = Delegation.refusal(Set.of(issuerRole), issuerScopes, target, granted).isEmpty();
                        boolean expected = Delegation.atMost(target, issuerRole) && issuerOwn.containsAll(granted);
                        assertEquals(expected, ok, issuerRole + " " + issuerScopes + " → " + target + " " + granted);
                        if (ok) {
                            allowed++;
                            assertNoWidening(issuer, issuerRole, issuerOwn, target, granted);
                        } else {
                            refused++;
                            assertThrows(Forbidden.class, () -> issuer.mayDelegate(target, granted));
                        }
                    }
                }
            }
        }
        assertTrue(allowed > 10_000 && refused > 100_000, allowed + " allowed, " + refused + " refused");
    }

    private static void assertNoWidening(Caller issuer, Role issuerRole, Set<Scope> issuerOwn, Role target, Set<Scope> granted) {
        Set<Scope> createdOwn = Delegation.own(Set.of(target), granted);
        assertTrue(issuerOwn.containsAll(createdOwn), "scopes widen");
        assertTrue(Delegation.atMost(target, issuerRole), "role widens");
        Caller created = caller(target, granted);
        for (Operation op : Operation.values()) {
            if (created.may(op) && !issuer.may(op)) {
                // the one designed exception: administering roles provision inference for developers and services
                assertTrue(op.name().startsWith("INFERENCE") && issuerRole.tenantAssignable() || issuerRole == Role.PLATFORM_ADMIN,
                        op + " widens from " + issuerRole + issuerOwn + " to " + target + granted);
                assertTrue(issuerOwn.contains(op.scope()), "inference scope " + op.scope() + " was not the issuer's own");
            }
        }
    }

    @Test
    void peerRolesCannotCreateEachOther() {
        for (Role a : List.of(Role.DEVELOPER, Role.AUDITOR, Role.SERVICE)) {
            for (Role b : List.of(Role.DEVELOPER, Role.AUDITOR, Role.SERVICE, Role.TENANT_ADMIN, Role.PLATFORM_ADMIN)) {
                assertEquals(a == b, Delegation.atMost(b, a), a + " over " + b);
            }
        }
        assertFalse(Delegation.atMost(Role.PLATFORM_ADMIN, Role.TENANT_ADMIN));
    }

    @Test
    void aNarrowedTenantAdminCannotMintAWiderOne() {
        Caller narrow = caller(Role.TENANT_ADMIN, EnumSet.of(Scope.ADMIN_TOKENS));
        Forbidden f = assertThrows(Forbidden.class,
                () -> narrow.mayDelegate(Role.TENANT_ADMIN, EnumSet.of(Scope.ADMIN_TOKENS, Scope.ADMIN_USERS)));
        assertEquals("delegation_denied", f.code().code());
        assertTrue(f.getMessage().contains("admin:users"));
        assertThrows(Forbidden.class, () -> narrow.mayDelegate(Role.AUDITOR, EnumSet.of(Scope.AUDIT_READ)));
        assertThrows(Forbidden.class, () -> narrow.mayBind(Role.DEVELOPER));
        narrow.mayDelegate(Role.TENANT_ADMIN, EnumSet.of(Scope.ADMIN_TOKENS));
    }

    @Test
    void bindingNeedsTheRolesWholePower() {
        Caller full = caller(Role.TENANT_ADMIN, EnumSet.allOf(Scope.class));
        for (Role r : List.of(Role.TENANT_ADMIN, Role.DEVELOPER, Role.AUDITOR, Role.SERVICE)) {
            full.mayBind(r);
        }
        assertThrows(Forbidden.class, () -> full.mayBind(Role.PLATFORM_ADMIN));
        Caller noAudit = caller(Role.TENANT_ADMIN, EnumSet.complementOf(EnumSet.of(Scope.AUDIT_READ)));
        assertThrows(Forbidden.class, () -> noAudit.mayBind(Role.AUDITOR));
        assertThrows(Forbidden.class, () -> noAudit.mayBind(Role.TENANT_ADMIN));
        noAudit.mayBind(Role.DEVELOPER);
    }

    private static Caller caller(Role role, Set<Scope> scopes) {
        return new Caller(new Principal("test"), TenantId.of(role == Role.PLATFORM_ADMIN ? null : UUID.randomUUID()), "t", Tier.ENTERPRISE, null, role, scopes);
    }

    private static List<Set<Scope>> powerSet() {
        Scope[] all = Scope.values();
        List<Set<Scope>> sets = new ArrayList<>();
        for (int mask = 0; mask < 1 << all.length; mask++) {
            Set<Scope> s = EnumSet.noneOf(Scope.class);
            for (int i = 0; i < all.length; i++) {
                if ((mask & 1 << i) != 0) {
                    s.add(all[i]);
                }
            }
            sets.add(s);
        }
        return sets;
    }
}
