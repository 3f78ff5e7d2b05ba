package io.novix.core.token.boundary;

import io.novix.core.identity.entity.Role;

import java.time.Instant;
import java.util.List;

/** What an administrator submits to issue a token. */
public record NewToken(String name, Role role, List<String> scopes, Instant expiresAt) {
}
