package io.novix.core.jwt.entity;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * What the claims of a Novix access token must say: our issuer, our audience, a lifetime of at
 * most {@code maxLifetime}, not yet expired and already valid (both within {@code leeway}), and
 * a subject, tenant and jti. Returns the reason for a refusal (a stable audit code).
 */
public record ClaimRules(String issuer, String audience, Duration maxLifetime, Duration leeway) {

    public Optional<String> problem(JsonObject claims, Instant now) {
        if (!(claims.get("iss") instanceof JsonString iss) || !issuer.equals(iss.getString())) {
            return Optional.of("jwt_wrong_issuer");
        }
        if (!audienceMatches(claims.get("aud"))) {
            return Optional.of("jwt_wrong_audience");
        }
        Optional<Long> exp = seconds(claims, "exp");
        Optional<Long> iat = seconds(claims, "iat");
        Optional<Long> nbf = seconds(claims, "nbf");
        if (exp.isEmpty() || iat.isEmpty() || (claims.containsKey("nbf") && nbf.isEmpty())) {
            return Optional.of("jwt_times_missing");
        }
        long nowS = now.getEpochSecond();
        if (nowS >= exp.get() + leeway.toSeconds()) {
            return Optional.of("jwt_expired");
        }
        if (nbf.isPresent() && nbf.get() > nowS + leeway.toSeconds()) {
            return Optional.of("jwt_not_yet_valid");
        }
        if (iat.get() > nowS + leeway.toSeconds()) {
            return Optional.of("jwt_issued_in_future");
        }
        if (exp.get() - iat.get() > maxLifetime.toSeconds()) {
            return Optional.of("jwt_lifetime_too_long");
        }
        for (String required : new String[] {"sub", "tenant", "jti", "scope"}) {
            if (!(claims.get(required) instanceof JsonString)) {
                return Optional.of("jwt_claim_missing");
            }
        }
        return Optional.empty();
    }

    private boolean audienceMatches(JsonValue aud) {
        if (aud instanceof JsonString s) {
            return audience.equals(s.getString());
        }
        if (aud != null && aud.getValueType() == JsonValue.ValueType.ARRAY) {
            return aud.asJsonArray().stream().anyMatch(v -> v instanceof JsonString s && audience.equals(s.getString()));
        }
        return false;
    }

    private static Optional<Long> seconds(JsonObject claims, String name) {
        return claims.get(name) instanceof JsonNumber n && n.isIntegral() ? Optional.of(n.longValue()) : Optional.empty();
    }
}
