package it.novix;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/** Plain HTTP calls to a running Novix, as any client would make them. */
record Api(String base, String adminToken) {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    record Answer(int status, String body, HttpResponse<String> raw) {
        JsonValue json() {
            return Json.createReader(new StringReader(body)).readValue();
        }

        JsonObject object() {
            return json().asJsonObject();
        }

        String errorCode() {
            return object().getJsonObject("error").getString("code");
        }

        String requestId() {
            return raw.headers().firstValue("X-Request-Id").orElseThrow();
        }
    }

    Answer send(String method, String path, String bearer, String body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json");
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        b.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), r);
    }

    /** A POST with extra headers (name, value, name, value …). */
    Answer sendWith(String path, String bearer, String body, String... headers) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + bearer)
                .POST(HttpRequest.BodyPublishers.ofString(body));
        for (int i = 0; i + 1 < headers.length; i += 2) {
            b.header(headers[i], headers[i + 1]);
        }
        HttpResponse<String> r = HTTP.send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Answer(r.statusCode(), r.body(), r);
    }

    /** A POST with any body and media type; the answer body is kept as bytes (images, audio). */
    HttpResponse<byte[]> post(String path, String bearer, String contentType, byte[] body) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(base + path)).timeout(Duration.ofSeconds(60))
                .header("Content-Type", contentType).POST(HttpRequest.BodyPublishers.ofByteArray(body));
        if (bearer != null) {
            b.header("Authorization", "Bearer " + bearer);
        }
        return HTTP.send(b.build(), HttpResponse.BodyHandlers.ofByteArray());
    }

    Answer admin(String method, String path, String body) throws Exception {
        return send(method, path, adminToken, body);
    }

    Answer chat(String token, String body) throws Exception {
        return send("POST", "/v1/chat/completions", token, body);
    }

    /** Creates a tenant and returns its id. */
    String tenant(String slug, String tier) throws Exception {
        Answer a = admin("POST", "/admin/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"" + slug
                + " Inc\",\"tier\":\"" + tier + "\",\"homeRegion\":\"eu-west-1\"}");
        if (a.status() != 201) {
            throw new AssertionError("tenant creation answered " + a.status() + " " + a.body());
        }
        return a.object().getString("id");
    }

    /** Issues a chat token for the tenant and returns the whole issuing answer. */
    JsonObject token(String tenantId) throws Exception {
        return token(tenantId, "inference:chat");
    }

    /** Issues a token with the given scopes and returns the whole issuing answer. */
    JsonObject token(String tenantId, String... scopes) throws Exception {
        String list = String.join("\",\"", scopes);
        Answer a = admin("POST", "/admin/tenants/" + tenantId + "/tokens",
                "{\"name\":\"it\",\"scopes\":[\"" + list + "\"],\"expiresIn\":\"P7D\"}");
        if (a.status() != 201) {
            throw new AssertionError("token issue answered " + a.status() + " " + a.body());
        }
        return a.object();
    }

    /** A new tenant of the tier with a token for every inference task; returns the token. */
    String inferenceToken(String slugPrefix, String tier) throws Exception {
        String tenant = tenant(slugPrefix + "-" + java.util.UUID.randomUUID().toString().substring(0, 8), tier);
        return token(tenant, "inference:chat", "inference:embeddings", "inference:images", "inference:audio").getString("token");
    }

    /**
     * {@code n} chat calls held upstream for a minute (the simulator's next {@code n} calls are scripted to
     * wait), sent without waiting for them: admitted, and in flight on {@code base} until it answers or dies.
     */
    static java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> heldChats(
            io.novix.sim.HfSimulator sim, String base, String token, int n) {
        sim.script("{\"faults\":[" + String.join(",", java.util.Collections.nCopies(n, "{\"kind\":\"delay\",\"delayMs\":60000}")) + "]}");
        HttpClient http = HttpClient.newHttpClient();
        java.util.List<java.util.concurrent.CompletableFuture<HttpResponse<String>>> held = new java.util.ArrayList<>();
        for (int i = 0; i < n; i++) {
            held.add(http.sendAsync(HttpRequest.newBuilder(URI.create(base + "/v1/chat/completions"))
                    .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                    .timeout(Duration.ofSeconds(90)).POST(HttpRequest.BodyPublishers.ofString(chatBody("held"))).build(),
                    HttpResponse.BodyHandlers.ofString()));
        }
        return held;
    }

    static String chatBody(String text) {
        return "{\"model\":\"HuggingFaceH4/zephyr-7b-beta\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    /**
     * Registers {@code baseUrl} as the only endpoint of {@code model} (a disabled router row, so nothing
     * falls back to the router): whatever the call gets, it got from that endpoint.
     */
    void isolatedEndpoint(String model, String kind, String baseUrl, boolean trustedPrivate) throws Exception {
        Answer registered = admin("POST", "/admin/model-endpoints", "{\"modelId\":\"" + model + "\",\"task\":\"chat-completion\","
                + "\"kind\":\"" + kind + "\",\"trustedPrivate\":" + trustedPrivate + ",\"baseUrl\":\"" + baseUrl
                + "\",\"region\":\"eu-west-1\",\"priority\":1}");
        if (registered.status() != 201) {
            throw new AssertionError("endpoint registration answered " + registered.status() + " " + registered.body());
        }
        Answer routerRow = admin("POST", "/admin/model-endpoints", "{\"modelId\":\"" + model
                + "\",\"task\":\"chat-completion\",\"kind\":\"SERVERLESS\",\"priority\":9}");
        if (routerRow.status() != 201 || admin("PATCH", "/admin/model-endpoints/" + routerRow.object().getString("id"),
                "{\"enabled\":false}").status() != 200) {
            throw new AssertionError("could not disable the router row: " + routerRow.body());
        }
    }
}
