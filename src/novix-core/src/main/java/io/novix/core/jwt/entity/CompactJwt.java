package io.novix.core.jwt.entity;

import jakarta.json.Json;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.Signature;
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
public record CompactJwt(JsonObject header, JsonObject claims, byte[] signingInput, byte[] signature) {

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
            byte[] signature = Base64.getUrlDecoder().decode(parts[2]);
            byte[] input = (parts[0] + "." + parts[1]).getBytes(StandardCharsets.US_ASCII);
            return Optional.of(new CompactJwt(header, claims, input, signature));
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

    /** ES256: the signature is the raw 64-byte R||S pair (not DER), as JWS defines it. */
    public boolean signedBy(ECPublicKey key) {
        if (signature.length != 64) {
            return false;
        }
        try {
            Signature verifier = Signature.getInstance("SHA256withECDSAinP1363Format");
            verifier.initVerify(key);
            verifier.update(signingInput);
            return verifier.verify(signature);
        } catch (GeneralSecurityException e) {
            return false;
        }
    }

    public static String sign(JsonObject header, JsonObject claims, PrivateKey key) {
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String input = b64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + b64.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        try {
            Signature signer = Signature.getInstance("SHA256withECDSAinP1363Format");
            signer.initSign(key);
            signer.update(input.getBytes(StandardCharsets.US_ASCII));
            return input + "." + b64.encodeToString(signer.sign());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("ES256 signing failed", e);
        }
    }

    /** Looks like a JWT at all (three dot-separated parts starting with a JSON header): worth verifying. */
    public static boolean shaped(String token) {
        return token.startsWith("eyJ") && token.chars().filter(c -> c == '.').count() == 2;
    }

    private static JsonObject object(String part) {
        byte[] raw = Base64.getUrlDecoder().decode(part);
        try (JsonReader r = Json.createReader(new StringReader(new String(raw, StandardCharsets.UTF_8)))) {
            return r.readObject();
        }
    }
}
