package io.novix.core.identity.entity;

import java.util.Arrays;
import java.util.Optional;

/**
 * Who someone is to Novix. {@code platform-admin} spans all tenants and is never bound inside a
 * tenant; every other role lives in exactly one tenant.
 */
public enum Role {
    PLATFORM_ADMIN("platform-admin"),
    TENANT_ADMIN("tenant-admin"),
    DEVELOPER("developer"),
    AUDITOR("auditor"),
    SERVICE("service");

    private final String value;

    Role(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** Roles a tenant may hand out (to users, groups, tokens); platform-admin is not one of them. */
    public boolean tenantAssignable() {
        return this != PLATFORM_ADMIN;
    }

    public static Optional<Role> parse(String value) {
        return Arrays.stream(values()).filter(r -> r.value.equals(value)).findFirst();
    }

    /** A tenant-assignable role from its name, or a 400 naming the choices. */
    public static Role assignable(String value) {
        return parse(value).filter(Role::tenantAssignable).orElseThrow(() -> new IllegalArgumentException(
                "role must be one of tenant-admin, developer, auditor, service"));
    }
}
