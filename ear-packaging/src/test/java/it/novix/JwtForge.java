package it.novix;

import io.novix.launcher.NovixStack;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Builds JWTs the way an attacker (or, with the real key, an insider) would: any header, any claims,
 * signed with Novix's active key (opened with the KEK, as only a test can), with HMAC, or not at all.
 */
final class JwtForge {

    static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private JwtForge() {
    }

    record RealKey(String kid, PrivateKey key) {
    }

    /** The newest active signing key, opened like the server opens it. */
    static RealKey activeKey(NovixStack stack) throws Exception {
        List<Map<String, Object>> rows = Db.query(stack,
                "SELECT kid, private_sealed FROM signing_key WHERE retired_at IS NULL ORDER BY created_at DESC LIMIT 1");
        String kid = (String) rows.get(0).get("kid");
        byte[] pkcs8 = unseal(stack.jwtKek(), (byte[]) rows.get(0).get("private_sealed"), kid);
        return new RealKey(kid, KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8)));
    }

    /** The documented sealing (docs/security.md): AES-256-GCM, key SHA-256(KEK), nonce first, kid as associated data. */
    private static byte[] unseal(String kek, byte[] sealed, String kid) throws Exception {
        byte[] key = java.security.MessageDigest.getInstance("SHA-256").digest(kek.strip().getBytes(StandardCharsets.UTF_8));
        javax.crypto.Cipher c = javax.crypto.Cipher.getInstance("AES/GCM/NoPadding");
        c.init(javax.crypto.Cipher.DECRYPT_MODE, new SecretKeySpec(key, "AES"), new javax.crypto.spec.GCMParameterSpec(128, sealed, 0, 12));
        c.updateAAD(kid.getBytes(StandardCharsets.UTF_8));
        return c.doFinal(sealed, 12, sealed.length - 12);
    }

    static String part(JsonObject json) {
        return B64.encodeToString(json.toString().getBytes(StandardCharsets.UTF_8));
    }

    static String es256(JsonObject header, JsonObject claims, PrivateKey key) throws Exception {
        String input = part(header) + "." + part(claims);
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(key);
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return input + "." + B64.encodeToString(s.sign());
    }

    static String hs256(JsonObject header, JsonObject claims, byte[] secret) throws Exception {
        String input = part(header) + "." + part(claims);
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret, "HmacSHA256"));
        return input + "." + B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    static String unsigned(JsonObject header, JsonObject claims) {
        return part(header) + "." + part(claims) + ".";
    }

    static JsonObject header(String alg, String kid) {
        return Json.createObjectBuilder().add("alg", alg).add("typ", "JWT").add("kid", kid).build();
    }
}
