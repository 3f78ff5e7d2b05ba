package io.novix.core.tenant.entity;

import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * A tenant's identity. It comes from the authenticated principal, never from a body; a tenant id
 * in a path is only ever compared with it ({@code Caller.reaches}). Rows store its {@link #value()}.
 */
public record TenantId(UUID value) {

    public TenantId {
        Objects.requireNonNull(value, "value");
    }

    /** Null-tolerant, for the platform admin and for refusals where no tenant is known. */
    public static TenantId of(UUID value) {
        return value == null ? null : new TenantId(value);
    }

    /** A path segment as a tenant id; empty when it is not a UUID (it then names nothing: 404). */
    public static Optional<TenantId> parse(String raw) {
        try {
            return raw == null ? Optional.empty() : Optional.of(new TenantId(UUID.fromString(raw)));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }

    /** The raw UUID of a possibly absent tenant, for rows and queries. */
    public static UUID valueOf(TenantId id) {
        return id == null ? null : id.value();
    }

    @Override
    public String toString() {
        return value.toString();
    }
}
