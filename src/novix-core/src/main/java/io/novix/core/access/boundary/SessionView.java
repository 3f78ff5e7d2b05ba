package io.novix.core.access.boundary;

import java.time.Instant;
import java.util.List;

/**
 * Who a browser session is (GET /sso/session): {@code kind} is {@code saml} or {@code token};
 * {@code operations} are what its roles may do now, from the permission matrix the API enforces, so
 * the console offers nothing the API would refuse.
 */
public record SessionView(String kind, String subject, String tenantId, String tenantSlug, String tier, List<String> roles,
                          List<String> operations, String authnContext, Instant expiresAt) {
}
