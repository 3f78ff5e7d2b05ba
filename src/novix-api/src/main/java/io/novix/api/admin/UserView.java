package io.novix.api.admin;

import io.novix.core.identity.entity.Role;
import io.novix.core.user.entity.TenantUser;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A tenant's user with the roles bound to them directly. */
public record UserView(UUID id, UUID tenantId, String subject, String displayName, List<String> roles, Instant createdAt) {

    public static UserView of(TenantUser u) {
        return new UserView(u.id(), u.tenantId(), u.subject(), u.displayName(),
                u.roles().stream().map(Role::value).sorted().toList(), u.createdAt());
    }
}
