package it.novix;

import io.novix.launcher.NovixStack;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.spec.ECPoint;
import java.security.spec.ECPublicKeySpec;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Forged and tampered JWTs against the real server: every one is refused with 401 and leaves a
 * DENIED audit row naming the precise reason, while the genuine token keeps working.
 */
class JwtAttacksIT {

    private static NovixStack stack;
    private static Api api;
    private static Identities.TenantKit a;
    private static Identities.TenantKit b;
    private static JwtForge.RealKey realKey;
    private static JsonObject genuineClaims;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
        a = Identities.kit(api, "atk-a");
        b = Identities.kit(api, "atk-b");
        realKey = JwtForge.activeKey(stack);
        genuineClaims = Identities.claims(a.serviceJwt());
    }

    private static JsonObject claims(Map<String, Object> changes) {
        JsonObjectBuilder c = Json.createObjectBuilder(genuineClaims);
        long now = System.currentTimeMillis() / 1000;
        c.add("iat", now).add("nbf", now).add("exp", now + 600);
        changes.forEach((k, v) -> {
            if (v instanceof Long l) {
                c.add(k, l);
            } else {
                c.add(k, v.toString());
            }
        });
        return c.build();
    }

    private record Attack(String name, String token, String reason) {
    }

    private static List<Attack> attacks() throws Exception {
        List<Attack> list = new ArrayList<>();
        long now = System.currentTimeMillis() / 1000;
        JsonObject valid = claims(Map.of());
        for (String none : new String[] {"none", "None", "NONE", "nOnE"}) {
            list.add(new Attack("alg " + none, JwtForge.unsigned(JwtForge.header(none, realKey.kid()), valid), "jwt_alg_not_allowed"));
        }
        String genuineSig = a.serviceJwt().split("\\.")[2];
        list.add(new Attack("alg none keeping a real signature",
                JwtForge.unsigned(JwtForge.header("none", realKey.kid()), Identities.claims(a.serviceJwt())) + genuineSig,
                "jwt_alg_not_allowed"));
        for (Map.Entry<String, byte[]> secret : publicKeyAsHmacSecrets().entrySet()) {
            list.add(new Attack("RS/ES→HS256 confusion with the public key as " + secret.getKey(),
                    JwtForge.hs256(JwtForge.header("HS256", realKey.kid()), valid, secret.getValue()), "jwt_alg_not_allowed"));
        }
        byte[] random = new byte[64];
        new SecureRandom().nextBytes(random);
        list.add(new Attack("random signature", JwtForge.part(JwtForge.header("ES256", realKey.kid())) + "."
                + JwtForge.part(valid) + "." + JwtForge.B64.encodeToString(random), "jwt_bad_signature"));
        java.security.KeyPairGenerator g = java.security.KeyPairGenerator.getInstance("EC");
        g.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
        list.add(new Attack("signed by another key under Novix's kid",
                JwtForge.es256(JwtForge.header("ES256", realKey.kid()), valid, g.generateKeyPair().getPrivate()), "jwt_bad_signature"));
        String[] genuine = a.serviceJwt().split("\\.");
        list.add(new Attack("signature removed", genuine[0] + "." + genuine[1] + ".", "jwt_bad_signature"));
        String editedPayload = JwtForge.B64.encodeToString(new String(Base64.getUrlDecoder().decode(genuine[1]), StandardCharsets.UTF_8)
                .replace(a.id(), b.id()).getBytes(StandardCharsets.UTF_8));
        list.add(new Attack("tenant claim edited", genuine[0] + "." + editedPayload + "." + genuine[2], "jwt_bad_signature"));
        JsonObject h = JwtForge.header("ES256", realKey.kid());
        list.add(new Attack("expired", JwtForge.es256(h, claims(Map.of("iat", now - 1200, "nbf", now - 1200, "exp", now - 300)),
                realKey.key()), "jwt_expired"));
        list.add(new Attack("nbf in the future", JwtForge.es256(h, claims(Map.of("nbf", now + 600, "exp", now + 900)),
                realKey.key()), "jwt_not_yet_valid"));
        list.add(new Attack("wrong issuer", JwtForge.es256(h, claims(Map.of("iss", "https://idp.evil.example")), realKey.key()),
                "jwt_wrong_issuer"));
        list.add(new Attack("wrong audience", JwtForge.es256(h, claims(Map.of("aud", "another-api")), realKey.key()),
                "jwt_wrong_audience"));
        list.add(new Attack("unknown kid", JwtForge.es256(JwtForge.header("ES256", "nvx-not-a-key"), valid, realKey.key()),
                "jwt_unknown_kid"));
        list.add(new Attack("lifetime over 15 minutes", JwtForge.es256(h, claims(Map.of("exp", now + 3600)), realKey.key()),
                "jwt_lifetime_too_long"));
        list.add(new Attack("validly signed, but tenant B for tenant A's account",
                JwtForge.es256(h, claims(Map.of("tenant", b.id())), realKey.key()), "jwt_subject_unknown"));
        return list;
    }

    /** The public key in every form a confused verifier might use as an HMAC secret. */
    private static Map<String, byte[]> publicKeyAsHmacSecrets() throws Exception {
        JsonObject jwk = api.send("GET", "/oauth2/jwks", null, null).object().getJsonArray("keys").getValuesAs(JsonObject.class)
                .stream().filter(k -> k.getString("kid").equals(realKey.kid())).findFirst().orElseThrow();
        BigInteger x = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("x")));
        BigInteger y = new BigInteger(1, Base64.getUrlDecoder().decode(jwk.getString("y")));
        java.security.AlgorithmParameters p = java.security.AlgorithmParameters.getInstance("EC");
        p.init(new java.security.spec.ECGenParameterSpec("secp256r1"));
        PublicKey pub = KeyFactory.getInstance("EC").generatePublic(new ECPublicKeySpec(new ECPoint(x, y),
                p.getParameterSpec(java.security.spec.ECParameterSpec.class)));
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(pub.getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        Map<String, byte[]> secrets = new LinkedHashMap<>();
        secrets.put("JWK JSON", jwk.toString().getBytes(StandardCharsets.UTF_8));
        secrets.put("X.509 DER", pub.getEncoded());
        secrets.put("PEM", pem.getBytes(StandardCharsets.US_ASCII));
        return secrets;
    }

    @Test
    void everyForgeryIsRefusedAndAuditedWhileTheGenuineTokenWorks() throws Exception {
        assertEquals(200, api.chat(a.serviceJwt(), Api.chatBody("control before")).status());
        List<String> failures = new ArrayList<>();
        for (Attack attack : attacks()) {
            Api.Answer r = api.chat(attack.token(), Api.chatBody("attack"));
            List<Map<String, Object>> rows = Db.audit(stack, r.requestId());
            String expectedCode = "jwt_expired".equals(attack.reason()) ? "token_expired" : "invalid_token";
            if (r.status() != 401 || !expectedCode.equals(r.errorCode())
                    || r.raw().headers().firstValue("WWW-Authenticate").isEmpty()
                    || rows.size() != 1 || !"DENIED".equals(rows.get(0).get("outcome"))
                    || !attack.reason().equals(rows.get(0).get("error_code"))
                    || !"jwt:unverified".equals(rows.get(0).get("principal"))
                    || rows.get(0).get("tenant_id") != null) {
                failures.add(attack.name() + " → " + r.status() + " " + r.body() + " audit " + rows);
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(200, api.chat(a.serviceJwt(), Api.chatBody("control after")).status());
        assertEquals(0, Db.query(stack, "SELECT 1 FROM audit_record WHERE tenant_id = ? AND outcome = 'SUCCESS' "
                + "AND action = 'inference.chat' AND principal = ?", java.util.UUID.fromString(b.id()), "sa:" + a.clientId()).size(),
                "no call of A's account was ever booked to tenant B");
    }

    @Test
    void forgeriesAreRefusedByTheAdminApiToo() throws Exception {
        long now = System.currentTimeMillis() / 1000;
        for (String token : new String[] {
                JwtForge.unsigned(JwtForge.header("none", realKey.kid()), claims(Map.of())),
                JwtForge.es256(JwtForge.header("ES256", realKey.kid()), claims(Map.of("exp", now - 300, "iat", now - 900)), realKey.key())}) {
            Api.Answer r = api.send("GET", "/admin/tenants/" + a.id() + "/tokens", token, null);
            assertEquals(401, r.status(), r.body());
            List<Map<String, Object>> rows = Db.audit(stack, r.requestId());
            assertEquals("DENIED", rows.get(0).get("outcome"));
            assertTrue(rows.get(0).get("error_code").toString().startsWith("jwt_"), rows.toString());
        }
        Api.Answer service = api.send("GET", "/admin/tenants/" + a.id() + "/tokens", a.serviceJwt(), null);
        assertEquals(403, service.status(), "a genuine service token is authenticated, but the service role does not administer");
        assertEquals("permission_denied", service.errorCode());
    }
}
