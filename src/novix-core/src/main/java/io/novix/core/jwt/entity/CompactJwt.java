package io.novix.core.jwt.entity;

import io.novix.hf.JsonBytes;

import org.jose4j.jwa.AlgorithmConstraints;
import org.jose4j.jws.AlgorithmIdentifiers;
import org.jose4j.jws.JsonWebSignature;
import org.jose4j.lang.JoseException;

import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.PrivateKey;
import java.security.interfaces.ECPublicKey;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A JWS in compact form, read strictly: three base64url parts without padding, JSON objects for
 * header and claims, and only ES256. The header may not point anywhere (jku, x5u, jwk, x5c) nor
 * demand extensions (crit): the verifier alone decides which key and algorithm count.
 */
public record CompactJwt(JsonObject header, JsonObject claims, String compact) {

    private static final AlgorithmConstraints ES256_ONLY = new AlgorithmConstraints(
            AlgorithmConstraints.ConstraintType.PERMIT, AlgorithmIdentifiers.ECDSA_USING_P256_CURVE_AND_SHA256);

    private static final Pattern PART = Pattern.compile("^[A-Za-z0-9_-]*$");
    private static final Set<String> HEADER_FIELDS = Set.of("alg", "kid", "typ");
    private static final int MAX_LENGTH = 8192;

    public static Optional<CompactJwt> parse(String token) {
        if (token == null || token.length() > MAX_LENGTH) {
            return Optional.empty();
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 3 || parts[0].isEmpty() || parts[1].isEmpty()) {
            return Optional.empty();
        }
        for (String p : parts) {
            if (!PART.matcher(p).matches()) {
                return Optional.empty();
            }
        }
        try {
            JsonObject header = object(parts[0]);
            JsonObject claims = object(parts[1]);
            Base64.getUrlDecoder().decode(parts[2]); // well-formed base64url, or not a JWT
            return Optional.of(new CompactJwt(header, claims, token));
        } catch (RuntimeException e) { // bad base64, bad or too deeply nested JSON, wrong types: not a JWT
            return Optional.empty();
        }
    }

    /** Why the header is refused, or empty when it is exactly {@code {"alg":"ES256","kid":...}} (typ optional). */
    public Optional<String> headerProblem() {
        if (!header.keySet().stream().allMatch(HEADER_FIELDS::contains)) {
            return Optional.of("jwt_header_not_allowed");
        }
        if (!(header.get("alg") instanceof jakarta.json.JsonString alg) || !SigningKey.ALGORITHM.equals(alg.getString())) {
            return Optional.of("jwt_alg_not_allowed");
        }
        if (!(header.get("kid") instanceof jakarta.json.JsonString)) {
            return Optional.of("jwt_kid_missing");
        }
        JsonValue typ = header.get("typ");
        if (typ != null && !(typ instanceof jakarta.json.JsonString t && ("JWT".equals(t.getString()) || "at+jwt".equals(t.getString())))) {
            return Optional.of("jwt_header_not_allowed");
        }
        return Optional.empty();
    }

    public String kid() {
        return header.getString("kid");
    }

    /**
     * The signature, checked by jose4j with ES256 as the only algorithm it may use: whatever the
     * header says, no other algorithm (none, HS256 with the public key) is ever applied.
     */
    public boolean signedBy(ECPublicKey key) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(ES256_ONLY);
            jws.setCompactSerialization(compact);
            jws.setKey(key);
            return jws.verifySignature();
        } catch (JoseException e) {
            return false;
        }
    }

    /** Signs {@code claims} with ES256 under {@code header} (jose4j). */
    public static String sign(JsonObject header, JsonObject claims, PrivateKey key) {
        try {
            JsonWebSignature jws = new JsonWebSignature();
            jws.setAlgorithmConstraints(ES256_ONLY);
            for (String name : header.keySet()) {
                jws.setHeader(name, header.getString(name));
            }
            jws.setPayload(claims.toString());
            jws.setKey(key);
            return jws.getCompactSerialization();
        } catch (JoseException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
    }

    /** Looks like a JWT at all (three dot-separated parts starting with a JSON header): worth verifying. */
    public static boolean shaped(String token) {
        return token.startsWith("eyJ") && token.chars().filter(c -> c == '.').count() == 2;
    }

    private static JsonObject object(String part) {
        byte[] raw = Base64.getUrlDecoder().decode(part);
        try (JsonReader r = JsonBytes.JSON.createReader(new StringReader(new String(raw, StandardCharsets.UTF_8)))) {
            return r.readObject();
        }
    }
}
