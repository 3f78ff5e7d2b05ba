package io.novix.core.identity.entity;

import io.novix.core.identity.entity.Scope;

import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Delegation never widens: whatever a credential creates — an API token, a service account, a role
 * binding, an IdP group mapping — has a role at most its own and scopes that are a subset of its own.
 *
 * <p>Roles rank platform-admin &gt; tenant-admin &gt; {developer, auditor, service}; the last three are
 * peers, so none of them may create another. A credential's own scopes are the scopes it carries
 * that its roles may hold: what their operations need, plus, for an administering role, the scopes
 * of the roles beneath it — a tenant-admin token carrying {@code inference:chat} may hand that scope
 * to a developer, though the tenant-admin itself never runs inference (separation of duties).
 */
public final class Delegation {

    private static final Map<Role, Set<Scope>> HOLDABLE = new EnumMap<>(Role.class);

    static {
        for (Role role : Role.values()) {
            Set<Scope> scopes = EnumSet.noneOf(Scope.class);
            for (Role r : Role.values()) {
                if (r == role || rank(r) < rank(role)) {
                    for (Scope s : Scope.values()) {
                        if (PermissionMatrix.scopeFits(r, s)) {
                            scopes.add(s);
                        }
                    }
                }
            }
            HOLDABLE.put(role, scopes);
        }
    }

    private Delegation() {
    }

    static int rank(Role role) {
        return switch (role) {
            case PLATFORM_ADMIN -> 3;
            case TENANT_ADMIN -> 2;
            case DEVELOPER, AUDITOR, SERVICE -> 1;
        };
    }

    /** The scopes a credential of {@code role} may carry: for its own use or to hand on. */
    public static Set<Scope> holdable(Role role) {
        return Collections.unmodifiableSet(HOLDABLE.get(role));
    }

    /** A role is at most another: the same role, or one ranked beneath it. */
    public static boolean atMost(Role target, Role issuer) {
        return target == issuer || rank(target) < rank(issuer);
    }

    /** What an issuer with these roles and carried scopes may grant in scopes: those it may hold. */
    public static Set<Scope> own(Set<Role> roles, Set<Scope> carried) {
        Set<Scope> own = EnumSet.noneOf(Scope.class);
        for (Role r : roles) {
            carried.stream().filter(HOLDABLE.get(r)::contains).forEach(own::add);
        }
        return own;
    }

    /**
     * Empty when the issuer may create something acting as {@code target} with {@code scopes};
     * otherwise the reason, naming what exceeds the issuer's own power.
     */
    public static Optional<String> refusal(Set<Role> issuerRoles, Set<Scope> issuerScopes, Role target, Set<Scope> scopes) {
        if (issuerRoles.stream().noneMatch(r -> atMost(target, r))) {
            return Optional.of("the role " + target.value() + " is above the caller's own role");
        }
        Set<Scope> beyond = EnumSet.noneOf(Scope.class);
        beyond.addAll(scopes);
        beyond.removeAll(own(issuerRoles, issuerScopes));
        if (!beyond.isEmpty()) {
            return Optional.of("the scopes " + Scope.joinAll(beyond) + " are not among the caller's own scopes");
        }
        return Optional.empty();
    }

    /** A role binding or group mapping gives a person the role's whole power: every scope it may hold. */
    public static Optional<String> bindingRefusal(Set<Role> issuerRoles, Set<Scope> issuerScopes, Role target) {
        return refusal(issuerRoles, issuerScopes, target, HOLDABLE.get(target));
    }
}
