package io.novix.core.jwt.entity;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.interfaces.ECPublicKey;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CompactJwtTest {

    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private final KeyPair pair = SigningKey.generate();
    private final Instant now = Instant.parse("2026-12-02T10:00:00Z");
    private final ClaimRules rules = new ClaimRules("https://novix.test", "novix", Duration.ofMinutes(15), Duration.ofSeconds(30));

    private JsonObject claims(long iat, long exp) {
        return Json.createObjectBuilder().add("iss", "https://novix.test").add("aud", "novix").add("sub", "s")
                .add("tenant", "t").add("jti", "j").add("scope", "inference:chat").add("iat", iat).add("exp", exp).build();
    }

    private static JsonObject header(String alg) {
        return Json.createObjectBuilder().add("alg", alg).add("kid", "k1").add("typ", "JWT").build();
    }

    @Test
    void es256RoundTripAndTampering() {
        String token = CompactJwt.sign(header("ES256"), claims(now.getEpochSecond(), now.getEpochSecond() + 600), pair.getPrivate());
        CompactJwt jwt = CompactJwt.parse(token).orElseThrow();
        assertEquals(Optional.empty(), jwt.headerProblem());
        assertTrue(jwt.signedBy((ECPublicKey) pair.getPublic()));
        assertFalse(jwt.signedBy((ECPublicKey) SigningKey.generate().getPublic()), "another key's signature");
        String[] parts = token.split("\\.");
        String edited = B64.encodeToString(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                .replace("\"tenant\":\"t\"", "\"tenant\":\"u\"").getBytes(StandardCharsets.UTF_8));
        assertFalse(CompactJwt.parse(parts[0] + "." + edited + "." + parts[2]).orElseThrow().signedBy((ECPublicKey) pair.getPublic()));
        assertFalse(CompactJwt.parse(parts[0] + "." + parts[1] + ".").orElseThrow().signedBy((ECPublicKey) pair.getPublic()),
                "a stripped signature");
    }

    @Test
    void onlyEs256WithAKidAndNoKeyPointers() {
        for (String alg : new String[] {"none", "None", "NONE", "nOnE", "HS256", "RS256", "ES384", "es256"}) {
            assertEquals(Optional.of("jwt_alg_not_allowed"), parsed(header(alg)).headerProblem(), alg);
        }
        assertEquals(Optional.of("jwt_kid_missing"), parsed(Json.createObjectBuilder().add("alg", "ES256").build()).headerProblem());
        assertEquals(Optional.of("jwt_header_not_allowed"), parsed(Json.createObjectBuilder().add("alg", "ES256").add("kid", "k")
                .add("jku", "http://evil.example/jwks").build()).headerProblem());
        assertEquals(Optional.of("jwt_header_not_allowed"), parsed(Json.createObjectBuilder().add("alg", "ES256").add("kid", "k")
                .add("crit", Json.createArrayBuilder().add("exp")).build()).headerProblem());
    }

    @Test
    void malformedTokensAreNotParsed() {
        for (String t : new String[] {"", "a.b", "a.b.c.d", "eyJ.eyJ.", "!!.??.x", "eyJhbGciOiJFUzI1NiJ9.bm90IGpzb24.AA",
                "eyJhbGciOiJFUzI1NiJ9==.e30.AA"}) {
            assertTrue(CompactJwt.parse(t).isEmpty(), t);
        }
    }

    @Test
    void claimRules() {
        long n = now.getEpochSecond();
        assertEquals(Optional.empty(), rules.problem(claims(n, n + 600), now));
        assertEquals(Optional.of("jwt_expired"), rules.problem(claims(n - 900, n - 60), now));
        assertEquals(Optional.empty(), rules.problem(claims(n - 610, n - 10), now), "within the 30 s leeway");
        assertEquals(Optional.of("jwt_lifetime_too_long"), rules.problem(claims(n, n + 3600), now));
        JsonObject notYet = Json.createObjectBuilder(claims(n, n + 600)).add("nbf", n + 300).build();
        assertEquals(Optional.of("jwt_not_yet_valid"), rules.problem(notYet, now));
        assertEquals(Optional.of("jwt_wrong_issuer"), rules.problem(Json.createObjectBuilder(claims(n, n + 60)).add("iss", "https://evil").build(), now));
        assertEquals(Optional.of("jwt_wrong_audience"), rules.problem(Json.createObjectBuilder(claims(n, n + 60)).add("aud", "other").build(), now));
        assertEquals(Optional.empty(), rules.problem(Json.createObjectBuilder(claims(n, n + 60))
                .add("aud", Json.createArrayBuilder().add("other").add("novix")).build(), now));
        assertEquals(Optional.of("jwt_claim_missing"), rules.problem(Json.createObjectBuilder(claims(n, n + 60)).remove("tenant").build(), now));
        assertEquals(Optional.of("jwt_times_missing"), rules.problem(Json.createObjectBuilder(claims(n, n + 60)).add("exp", "soon").build(), now));
    }

    @Test
    void sealedKeysOpenOnlyWithTheirKekAndRow() throws Exception {
        KeySeal seal = new KeySeal("a-key-encryption-key-of-32-chars-or-more");
        byte[] plain = pair.getPrivate().getEncoded();
        byte[] sealed = seal.seal(plain, "kid-1");
        assertArrayEquals(plain, seal.open(sealed, "kid-1"));
        assertThrows(GeneralSecurityException.class, () -> seal.open(sealed, "kid-2"), "moved to another row");
        assertThrows(GeneralSecurityException.class, () -> new KeySeal("another-key-encryption-key-of-32-chars").open(sealed, "kid-1"));
        assertThrows(IllegalArgumentException.class, () -> new KeySeal("short"));
    }

    @Test
    void theStoredPublicKeyIsTheGeneratedOne() {
        SigningKey key = new SigningKey("k", (ECPublicKey) pair.getPublic(), new byte[40], now);
        assertEquals(pair.getPublic(), key.publicKey());
        assertTrue(key.verifies(now.plusSeconds(3600), Duration.ofMinutes(15)), "an active key always verifies");
        key.retire(now);
        assertTrue(key.verifies(now.plusSeconds(600), Duration.ofMinutes(15)));
        assertFalse(key.verifies(now.plusSeconds(901), Duration.ofMinutes(15)), "retired keys stop once their tokens expired");
    }

    private static CompactJwt parsed(JsonObject header) {
        String token = B64.encodeToString(header.toString().getBytes(StandardCharsets.UTF_8)) + "."
                + B64.encodeToString("{}".getBytes(StandardCharsets.UTF_8)) + "." + B64.encodeToString(new byte[64]);
        return CompactJwt.parse(token).orElseThrow();
    }
}
