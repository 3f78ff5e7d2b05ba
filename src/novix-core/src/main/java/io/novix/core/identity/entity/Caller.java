package io.novix.core.identity.entity;

import io.novix.core.tenant.entity.TenantId;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.identity.entity.Delegation;
import io.novix.core.identity.entity.Operation;
import io.novix.core.identity.entity.PermissionMatrix;
import io.novix.core.identity.entity.Role;
import io.novix.core.kernel.Forbidden;
import io.novix.core.tenant.entity.Tier;

import java.util.EnumSet;
import java.util.Set;
import java.util.UUID;

/**
 * Who is calling, as established by authentication. The tenant always comes from here, never
 * from a request body or path. What the caller may do is the role's permissions narrowed by the
 * credential's scopes.
 */
public record Caller(Principal principal, TenantId tenant, String tenantSlug, Tier tier, UUID tokenId, Set<Role> roles,
                     Set<Scope> scopes) {

    /** A credential acting with one role (API tokens, service accounts). */
    public Caller(Principal principal, TenantId tenant, String tenantSlug, Tier tier, UUID tokenId, Role role, Set<Scope> scopes) {
        this(principal, tenant, tenantSlug, tier, tokenId, EnumSet.of(role), scopes);
    }

    public Caller {
        java.util.Objects.requireNonNull(principal, "principal");
        roles = roles.isEmpty() ? Set.of() : Set.copyOf(roles);
        scopes = Set.copyOf(scopes);
    }

    /** The platform administrator's bootstrap credential: every scope, no tenant. */
    public static Caller platformAdmin(String name) {
        return new Caller(new Principal(name), null, null, null, null, Role.PLATFORM_ADMIN, EnumSet.allOf(Scope.class));
    }

    /** One of the roles allows the operation and, where the operation needs one, the credential carries its scope. */
    public boolean may(Operation operation) {
        return roles.stream().anyMatch(r -> PermissionMatrix.allows(r, operation))
                && (operation.scope() == null || scopes.contains(operation.scope()));
    }

    /** The credential carries the scope and one of the roles has a use for it. */
    public boolean may(Scope scope) {
        return scopes.contains(scope) && roles.stream().anyMatch(r -> PermissionMatrix.scopeFits(r, scope));
    }

    /**
     * Refuses (403 {@code delegation_denied}) to create a credential acting as {@code target} with
     * {@code granted} scopes unless both are within this caller's own power: delegation never widens.
     */
    public void mayDelegate(Role target, Set<Scope> granted) {
        Delegation.refusal(roles, scopes, target, granted).ifPresent(Caller::deny);
    }

    /** Refuses to bind {@code target} to a person or group unless the role's whole power is within this caller's. */
    public void mayBind(Role target) {
        Delegation.bindingRefusal(roles, scopes, target).ifPresent(Caller::deny);
    }

    private static void deny(String reason) {
        throw new Forbidden(ErrorCode.DELEGATION_DENIED, "delegation never widens: " + reason);
    }

    public boolean isPlatformAdmin() {
        return roles.contains(Role.PLATFORM_ADMIN);
    }

    /** The roles as the audit row and error messages name them, e.g. {@code auditor,tenant-admin}. */
    public String roleNames() {
        return roles.stream().map(Role::value).sorted().collect(java.util.stream.Collectors.joining(","));
    }

    /** True when the caller may address objects of {@code tenant}: its own, or any for the platform admin. */
    public boolean reaches(UUID tenant) {
        return isPlatformAdmin() || (this.tenant != null && this.tenant.value().equals(tenant));
    }

    /** The tenant's raw id, for rows and queries; null for the platform admin. */
    public UUID tenantId() {
        return TenantId.valueOf(tenant);
    }
}
