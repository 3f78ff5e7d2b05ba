package it.novix;

import io.novix.launcher.NovixStack;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Service accounts: client credentials → ES256 JWT, JWKS, calls with the JWT, refusals, secret and key rotation. */
class OAuthIT {

    private static NovixStack stack;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
    }

    private static JsonObject json(HttpResponse<String> r) {
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    @Test
    void clientCredentialsGiveAShortLivedSignedJwtThatCallsModels() throws Exception {
        Identities.TenantKit kit = Identities.kit(api, "oauth");
        JsonObject header = Identities.header(kit.serviceJwt());
        JsonObject claims = Identities.claims(kit.serviceJwt());
        assertEquals("ES256", header.getString("alg"));
        List<JsonObject> keys = api.send("GET", "/oauth2/jwks", null, null).object().getJsonArray("keys").getValuesAs(JsonObject.class);
        assertTrue(keys.stream().anyMatch(k -> k.getString("kid").equals(header.getString("kid")) && "EC".equals(k.getString("kty"))
                && "P-256".equals(k.getString("crv")) && !k.containsKey("d")), "the kid is published, without private parts");
        assertEquals(kit.id(), claims.getString("tenant"));
        assertEquals("novix", claims.getString("aud"));
        assertEquals("inference:chat", claims.getString("scope"));
        assertEquals(List.of("service"), claims.getJsonArray("groups").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList());
        long life = claims.getJsonNumber("exp").longValue() - claims.getJsonNumber("iat").longValue();
        assertTrue(life > 0 && life <= 900, "at most 15 minutes: " + life);
        assertTrue(claims.containsKey("jti") && claims.containsKey("iss") && claims.containsKey("sub"));
        String issuer = api.send("GET", "/.well-known/openid-configuration", null, null).object().getString("issuer");
        assertEquals(issuer, claims.getString("iss"));

        Api.Answer chat = api.chat(kit.serviceJwt(), Api.chatBody("from a machine"));
        assertEquals(200, chat.status(), chat.body());
        Map<String, Object> row = Db.audit(stack, chat.requestId()).get(0);
        assertEquals("sa:" + kit.clientId(), row.get("principal"));
        assertEquals(UUID.fromString(kit.id()), row.get("tenant_id"));
        assertEquals(403, api.send("POST", "/v1/embeddings", kit.serviceJwt(), "{\"input\":\"x\"}").status(),
                "the JWT carries only the account's scopes");

        HttpResponse<String> post = Identities.oauth(api, null, "grant_type=client_credentials&client_id="
                + kit.clientId() + "&client_secret=" + URLEncoder.encode(kit.clientSecret(), StandardCharsets.UTF_8)
                + "&scope=inference%3Achat");
        assertEquals(200, post.statusCode(), "client_secret_post works too");
        assertTrue(post.headers().firstValue("Cache-Control").orElseThrow().contains("no-store"));
    }

    @Test
    void badClientsAndGrantsAreRefusedAndAudited() throws Exception {
        Identities.TenantKit kit = Identities.kit(api, "oauth-bad");
        HttpResponse<String> wrong = Identities.oauth(api, Identities.basic(kit.clientId(), "nvxsec_wrong"), "grant_type=client_credentials");
        assertEquals(401, wrong.statusCode());
        assertEquals("invalid_client", json(wrong).getString("error"));
        assertTrue(wrong.headers().firstValue("WWW-Authenticate").isPresent());
        Map<String, Object> row = Db.audit(stack, json(wrong).getString("request_id")).get(0);
        assertEquals("DENIED", row.get("outcome"));
        assertEquals("oauth.token", row.get("action"));
        assertTrue(!wrong.body().contains(kit.clientSecret()));

        HttpResponse<String> unknown = Identities.oauth(api, Identities.basic("sa_nobody", "nvxsec_x"), "grant_type=client_credentials");
        assertEquals(401, unknown.statusCode());
        assertEquals(json(wrong).getString("error_description"), json(unknown).getString("error_description"),
                "an unknown client and a wrong secret look the same");
        assertEquals("unsupported_grant_type", json(Identities.oauth(api, Identities.basic(kit.clientId(), kit.clientSecret()),
                "grant_type=password&username=a&password=b")).getString("error"));
        assertEquals("invalid_scope", json(Identities.oauth(api, Identities.basic(kit.clientId(), kit.clientSecret()),
                "grant_type=client_credentials&scope=inference%3Aimages")).getString("error"));
        assertEquals("invalid_request", json(Identities.oauth(api, Identities.basic(kit.clientId(), kit.clientSecret()),
                "grant_type=client_credentials&grant_type=client_credentials")).getString("error"));
    }

    @Test
    void secretRotationAndDisablingTakeEffect() throws Exception {
        Identities.TenantKit kit = Identities.kit(api, "oauth-rot");
        String accountId = api.send("GET", "/admin/tenants/" + kit.id() + "/service-accounts", kit.tenantAdmin(), null).json()
                .asJsonArray().getJsonObject(0).getString("id");
        Api.Answer rotated = api.send("POST", "/admin/tenants/" + kit.id() + "/service-accounts/" + accountId + "/secret",
                kit.tenantAdmin(), null);
        assertEquals(200, rotated.status(), rotated.body());
        String newSecret = rotated.object().getString("clientSecret");
        assertNotEquals(kit.clientSecret(), newSecret);
        assertEquals(401, Identities.oauth(api, Identities.basic(kit.clientId(), kit.clientSecret()), "grant_type=client_credentials").statusCode(),
                "the old secret stops at once");
        String fresh = Identities.jwt(api, kit.clientId(), newSecret);
        assertEquals(200, api.chat(fresh, Api.chatBody("after secret rotation")).status());

        assertEquals(200, api.send("DELETE", "/admin/tenants/" + kit.id() + "/service-accounts/" + accountId, kit.tenantAdmin(), null).status());
        Api.Answer refused = api.chat(fresh, Api.chatBody("after disabling"));
        assertEquals(401, refused.status(), "a disabled account's JWTs stop working (cache TTL is 0 in tests)");
        assertEquals("service_account_disabled", Db.audit(stack, refused.requestId()).get(0).get("error_code"));
        assertEquals(401, Identities.oauth(api, Identities.basic(kit.clientId(), newSecret), "grant_type=client_credentials").statusCode());
    }

    @Test
    void signingKeysRotateWithoutDowntime() throws Exception {
        Identities.TenantKit kit = Identities.kit(api, "oauth-key");
        String before = Identities.header(kit.serviceJwt()).getString("kid");
        Api.Answer rotated = api.admin("POST", "/admin/signing-keys/rotate", null);
        assertEquals(201, rotated.status(), rotated.body());
        String next = rotated.object().getString("kid");
        assertNotEquals(before, next);

        String after = Identities.jwt(api, kit.clientId(), kit.clientSecret());
        assertEquals(next, Identities.header(after).getString("kid"), "new tokens are signed with the new key");
        assertEquals(200, api.chat(kit.serviceJwt(), Api.chatBody("old key still verifies")).status());
        assertEquals(200, api.chat(after, Api.chatBody("new key verifies")).status());
        List<String> published = api.send("GET", "/oauth2/jwks", null, null).object().getJsonArray("keys")
                .getValuesAs(JsonObject.class).stream().map(k -> k.getString("kid")).toList();
        assertTrue(published.contains(before) && published.contains(next), "both keys published during the overlap: " + published);
        assertEquals(403, api.send("POST", "/admin/signing-keys/rotate", kit.tenantAdmin(), null).status());
    }
}
