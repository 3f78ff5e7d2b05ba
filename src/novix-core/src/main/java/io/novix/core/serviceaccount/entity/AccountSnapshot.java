package io.novix.core.serviceaccount.entity;

import io.novix.core.tenant.entity.Tier;
import io.novix.core.identity.entity.Scope;

import java.util.Set;
import java.util.UUID;

/** What JWT verification needs from a service account row and its tenant. */
public record AccountSnapshot(UUID id, String clientId, UUID tenantId, String tenantSlug, Tier tier, boolean tenantActive,
                              boolean enabled, Set<Scope> scopes) {
}
