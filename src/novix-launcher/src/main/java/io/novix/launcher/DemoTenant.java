package io.novix.launcher;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;

/**
 * The demo tenant of the embedded run, made through the admin API on first start and reused
 * afterwards. Its token's secret is kept in {@code home/demo-token} (mode 600) because the
 * server stores only its hash.
 */
final class DemoTenant {

    private final HttpClient http = HttpClient.newHttpClient();
    private final String base;
    private final String admin;
    private final String upstream;

    DemoTenant(String base, String adminToken, String upstream) {
        this.base = base;
        this.admin = adminToken;
        this.upstream = upstream;
    }

    String ensureToken(Path tokenFile) throws IOException, InterruptedException {
        String tenantId = findOrCreateTenant();
        if (Files.exists(tokenFile)) {
            String token = Files.readString(tokenFile, StandardCharsets.UTF_8).strip();
            if (stillValid(tenantId, token)) {
                return token;
            }
        }
        JsonObject issued = call("POST", "/admin/tenants/" + tenantId + "/tokens",
                "{\"name\":\"demo\",\"scopes\":[\"inference:chat\",\"inference:embeddings\",\"inference:images\",\"inference:audio\"],\"expiresIn\":\"P30D\"}", 201).asJsonObject();
        String token = issued.getString("token");
        Files.writeString(tokenFile, token, StandardCharsets.UTF_8);
        Files.setPosixFilePermissions(tokenFile, PosixFilePermissions.fromString("rw-------"));
        return token;
    }

    private String findOrCreateTenant() throws IOException, InterruptedException {
        for (JsonValue t : call("GET", "/admin/tenants", null, 200).asJsonArray()) {
            if ("demo".equals(t.asJsonObject().getString("slug"))) {
                return t.asJsonObject().getString("id");
            }
        }
        // NOVIX_DEMO_TIER: the tier the demo tenant is made in (the benchmark's runs need Government's rate)
        String tier = System.getenv().getOrDefault("NOVIX_DEMO_TIER", "ENTERPRISE");
        if (!tier.matches("STANDARD|ENTERPRISE|GOVERNMENT")) {
            throw new IllegalArgumentException("NOVIX_DEMO_TIER must be STANDARD, ENTERPRISE or GOVERNMENT, not " + tier);
        }
        String id = call("POST", "/admin/tenants",
                "{\"slug\":\"demo\",\"name\":\"Demo Tenant\",\"tier\":\"" + tier + "\",\"homeRegion\":\"" + NovixStack.LOCAL_REGION + "\"}", 201)
                .asJsonObject().getString("id");
        if (tier.equals("GOVERNMENT")) { // Sovereign: never the router, only sovereign endpoints dedicated to it
            call("PUT", "/admin/tenants/" + id + "/policy", "{\"allowedRegions\":[\"" + NovixStack.LOCAL_REGION + "\"]}", 200);
            call("POST", "/admin/model-endpoints", "{\"modelId\":\"HuggingFaceH4/zephyr-7b-beta\",\"task\":\"chat-completion\","
                    + "\"kind\":\"DEDICATED\",\"trustedPrivate\":true,\"baseUrl\":\"" + upstream + "\",\"region\":\""
                    + NovixStack.LOCAL_REGION + "\",\"dedicatedTo\":\"" + id + "\",\"sovereign\":true}", 201);
        }
        return id;
    }

    private boolean stillValid(String tenantId, String token) throws IOException, InterruptedException {
        JsonArray tokens = call("GET", "/admin/tenants/" + tenantId + "/tokens", null, 200).asJsonArray();
        for (JsonValue v : tokens) {
            JsonObject t = v.asJsonObject();
            if (token.startsWith("nvx_" + t.getString("prefix") + "_")) {
                boolean revoked = t.get("revokedAt") != null && t.get("revokedAt") != JsonValue.NULL;
                Instant expires = Instant.parse(t.getString("expiresAt"));
                return !revoked && expires.isAfter(Instant.now().plusSeconds(3600));
            }
        }
        return false;
    }

    private JsonValue call(String method, String path, String body, int expected) throws IOException, InterruptedException {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path))
                .header("Authorization", "Bearer " + admin)
                .header("Content-Type", "application/json");
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = http.send(b.build(), HttpResponse.BodyHandlers.ofString());
        if (r.statusCode() != expected) {
            throw new IllegalStateException(method + " " + path + " answered " + r.statusCode() + ": " + r.body());
        }
        return Json.createReader(new StringReader(r.body())).readValue();
    }
}
