package io.novix.core.token.boundary;

import java.time.Instant;
import java.util.List;

/** What an administrator submits to issue a token. */
public record NewToken(String name, List<String> scopes, Instant expiresAt) {
}
