package io.novix.api.admin;

import io.novix.core.serviceaccount.entity.ServiceAccount;
import io.novix.core.identity.entity.Scope;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** A service account; {@code clientSecret} only in the answer that creates or rotates it. */
public record ServiceAccountView(UUID id, UUID tenantId, String name, String clientId, String role, List<String> scopes,
                                 Instant createdAt, Instant disabledAt, Instant secretRotatedAt, String clientSecret) {

    public static ServiceAccountView of(ServiceAccount a) {
        return withSecret(a, null);
    }

    public static ServiceAccountView withSecret(ServiceAccount a, String secret) {
        return new ServiceAccountView(a.id(), a.tenantId(), a.name(), a.clientId(), "service",
                a.scopeSet().stream().map(Scope::value).sorted().toList(), a.createdAt(), a.disabledAt(),
                a.secretRotatedAt(), secret);
    }

    @Override
    public String toString() {
        return "ServiceAccountView[" + clientId + "]";
    }
}
