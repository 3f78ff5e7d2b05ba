package it.novix;

import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.UUID;

/** Tenants with a credential for each role: what the access, OAuth and isolation tests act as. */
final class Identities {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    /** One tenant with its ids and a credential per role (the service one is a JWT). */
    record TenantKit(String id, String tenantAdmin, String developer, String auditor, String clientId, String clientSecret,
                     String serviceJwt) {
    }

    private Identities() {
    }

    static String slug(String prefix) {
        return prefix + "-" + UUID.randomUUID().toString().substring(0, 8);
    }

    /** Issues a token with a role (by the platform admin) and returns the secret. */
    static String token(Api api, String tenantId, String role, String... scopes) throws Exception {
        return tokenBy(api, api.adminToken(), tenantId, role, scopes);
    }

    /** Issues a token with a role, as the holder of {@code bearer}. */
    static String tokenBy(Api api, String bearer, String tenantId, String role, String... scopes) throws Exception {
        String list = String.join("\",\"", scopes);
        Api.Answer a = api.send("POST", "/admin/tenants/" + tenantId + "/tokens", bearer,
                "{\"name\":\"" + role + "\",\"role\":\"" + role + "\",\"scopes\":[\"" + list + "\"],\"expiresIn\":\"P7D\"}");
        if (a.status() != 201) {
            throw new AssertionError("token issue answered " + a.status() + " " + a.body());
        }
        return a.object().getString("token");
    }

    static TenantKit kit(Api api, String prefix) throws Exception {
        String tenant = api.tenant(slug(prefix), "ENTERPRISE");
        String admin = token(api, tenant, "tenant-admin", "admin:tokens", "admin:users", "audit:read", "inference:chat",
                "inference:embeddings", "inference:images", "inference:audio");
        String dev = token(api, tenant, "developer", "inference:chat", "inference:embeddings");
        String auditor = token(api, tenant, "auditor", "audit:read");
        Api.Answer sa = api.send("POST", "/admin/tenants/" + tenant + "/service-accounts", admin,
                "{\"name\":\"batch\",\"scopes\":[\"inference:chat\"]}");
        if (sa.status() != 201) {
            throw new AssertionError("service account answered " + sa.status() + " " + sa.body());
        }
        String clientId = sa.object().getString("clientId");
        String secret = sa.object().getString("clientSecret");
        return new TenantKit(tenant, admin, dev, auditor, clientId, secret, jwt(api, clientId, secret));
    }

    /** client_credentials with client_secret_basic; returns the access token. */
    static String jwt(Api api, String clientId, String secret) throws Exception {
        HttpResponse<String> r = oauth(api, basic(clientId, secret), "grant_type=client_credentials");
        if (r.statusCode() != 200) {
            throw new AssertionError("token endpoint answered " + r.statusCode() + " " + r.body());
        }
        return Json.createReader(new java.io.StringReader(r.body())).readObject().getString("access_token");
    }

    static String basic(String clientId, String secret) {
        String pair = URLEncoder.encode(clientId, StandardCharsets.UTF_8) + ":" + URLEncoder.encode(secret, StandardCharsets.UTF_8);
        return "Basic " + Base64.getEncoder().encodeToString(pair.getBytes(StandardCharsets.UTF_8));
    }

    static HttpResponse<String> oauth(Api api, String authorization, String form) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(api.base() + "/oauth2/token")).timeout(Duration.ofSeconds(30))
                .header("Content-Type", "application/x-www-form-urlencoded").POST(HttpRequest.BodyPublishers.ofString(form));
        if (authorization != null) {
            b.header("Authorization", authorization);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    static JsonObject claims(String jwt) {
        String payload = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[1]), StandardCharsets.UTF_8);
        return Json.createReader(new java.io.StringReader(payload)).readObject();
    }

    static JsonObject header(String jwt) {
        String h = new String(Base64.getUrlDecoder().decode(jwt.split("\\.")[0]), StandardCharsets.UTF_8);
        return Json.createReader(new java.io.StringReader(h)).readObject();
    }
}
