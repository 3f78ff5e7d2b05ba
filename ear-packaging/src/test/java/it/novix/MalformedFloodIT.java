package it.novix;

import io.novix.launcher.NovixStack;
import io.novix.sim.HfSimulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hardening class 5: thousands of malformed, hostile and failing calls from one Standard tenant
 * (bulkhead of 2 in the test stack): every answer is a 4xx/5xx JSON error with a stable code and
 * no internal address, stack trace or SQL; no model name ever reaches the upstream unless it is a
 * Hub model id; and afterwards the tenant's genuine call still succeeds, so no permit leaked.
 */
class MalformedFloodIT {

    private static NovixStack stack;
    private static Api api;
    private static HfSimulator sim;
    private static String token;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
        sim = stack.simulator().orElseThrow();
        token = api.token(api.tenant("flood-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD"),
                "inference:chat", "inference:embeddings", "inference:images", "inference:audio").getString("token");
    }

    private record Shot(String path, String contentType, byte[] body) {
        static Shot json(String path, String body) {
            return new Shot(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
        }
    }

    private static final String MSG = "\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]";

    private static List<Shot> shots() {
        List<Shot> s = new ArrayList<>();
        for (String model : List.of("../../admin/tenants", "http://169.254.169.254/latest/meta-data", "a/b/c",
                "a/b?x=1", "a/b#x", "a%2F..%2Fb", "x\u0000y", " ", "org/" + "m".repeat(300), "a/b:UP", "@evil.example/x")) {
            String quoted = "\"" + model.replace("\u0000", "\\u0000") + "\"";
            s.add(Shot.json("/v1/chat/completions", "{\"model\":" + quoted + "," + MSG + "}"));
            s.add(Shot.json("/v1/completions", "{\"model\":" + quoted + ",\"prompt\":\"x\"}"));
            s.add(Shot.json("/v1/embeddings", "{\"model\":" + quoted + ",\"input\":\"x\"}"));
            s.add(Shot.json("/v1/images/generations", "{\"model\":" + quoted + ",\"prompt\":\"x\"}"));
        }
        s.add(Shot.json("/v1/chat/completions", "{"));
        s.add(Shot.json("/v1/chat/completions", "[]"));
        s.add(Shot.json("/v1/chat/completions", "{\"max_tokens\":1e308," + MSG + "}"));
        s.add(Shot.json("/v1/chat/completions", "{\"temperature\":\"hot\"," + MSG + "}"));
        s.add(Shot.json("/v1/chat/completions", "[".repeat(5000) + "]".repeat(5000)));
        s.add(Shot.json("/v1/chat/completions", "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "\\u0000".repeat(50) + "\"}]}"));
        s.add(Shot.json("/v1/embeddings", "{\"input\":[" + "1,".repeat(100) + "1]}"));
        s.add(new Shot("/v1/audio/transcriptions", "multipart/form-data; boundary=x", "--x\r\nbroken".getBytes(StandardCharsets.UTF_8)));
        s.add(new Shot("/v1/audio/transcriptions", "text/plain", "hello".getBytes(StandardCharsets.UTF_8)));
        s.add(new Shot("/models/a%2F..%2F..%2Fadmin", "application/json", "{\"inputs\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        s.add(new Shot("/models/org/m/pipeline/../../x", "application/json", "{\"inputs\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        s.add(new Shot("/models/org/m", "application/x-evil", new byte[]{0, 1, 2}));
        // admitted, then failing upstream or not: these take a bulkhead place and must give it back
        s.add(Shot.json("/v1/chat/completions", "{\"model\":\"acme/unknown-model\"," + MSG + "}"));
        s.add(Shot.json("/v1/chat/completions", "{\"stream\":true," + MSG + "}"));
        return s;
    }

    @Test
    void thousandsOfBadCallsLeaveNoTraceAndNoLeak() throws Exception {
        java.util.Set<String> pathsBefore = sim.paths();
        List<Shot> shots = shots();
        Map<Integer, AtomicInteger> statuses = new ConcurrentHashMap<>();
        List<String> leaks = java.util.Collections.synchronizedList(new ArrayList<>());
        List<CompletableFuture<?>> inFlight = new ArrayList<>();
        int sent = 0;
        while (sent < 2400) {
            for (Shot shot : shots) {
                inFlight.add(HTTP.sendAsync(request(shot), HttpResponse.BodyHandlers.ofString()).thenAccept(r -> {
                    statuses.computeIfAbsent(r.statusCode(), k -> new AtomicInteger()).incrementAndGet();
                    String body = r.body();
                    if (r.statusCode() >= 500 && r.statusCode() != 502 && r.statusCode() != 503) {
                        leaks.add(r.statusCode() + " " + shot.path() + ": " + body);
                    }
                    if (r.statusCode() >= 400 && !body.startsWith("{\"error\":{")) {
                        leaks.add("not the JSON error shape: " + shot.path() + " " + r.statusCode() + " " + body);
                    }
                    for (String secret : List.of(sim.baseUrl(), "127.0.0.1:" + sim.port(), "Exception", "\tat ", "SELECT ",
                            "INSERT ", "org.hibernate", "java.lang")) {
                        if (body.contains(secret)) {
                            leaks.add(shot.path() + " leaks '" + secret + "': " + body);
                        }
                    }
                }));
                sent++;
                if (inFlight.size() >= 32) { // a bounded flood: 32 concurrent calls
                    CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
                    inFlight.clear();
                }
            }
        }
        CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).join();
        assertTrue(leaks.isEmpty(), leaks.size() + " bad answers, first: " + (leaks.isEmpty() ? "" : leaks.get(0)));
        assertTrue(statuses.getOrDefault(400, new AtomicInteger()).get() > 2000, "the flood was refused: " + statuses);

        for (String path : sim.paths()) { // every path reached, not the latest 50 calls only
            if (!pathsBefore.contains(path)) {
                assertTrue(!path.contains("..") && !path.contains("169.254") && !path.contains("admin"),
                        "a hostile model name reached the upstream: " + path);
            }
        }
        Api.Answer genuine = api.send("POST", "/v1/chat/completions", token,
                "{\"model\":\"HuggingFaceH4/zephyr-7b-beta\"," + MSG + "}");
        assertEquals(200, genuine.status(), "a permit leaked: " + genuine.body() + " after " + statuses);
        Api.Answer second = api.send("POST", "/v1/chat/completions", token,
                "{\"model\":\"HuggingFaceH4/zephyr-7b-beta\"," + MSG + "}");
        assertEquals(200, second.status());
    }

    private static HttpRequest request(Shot shot) {
        return HttpRequest.newBuilder(URI.create(stack.baseUrl() + shot.path()))
                .header("Authorization", "Bearer " + token).header("Content-Type", shot.contentType())
                .timeout(Duration.ofSeconds(60)).POST(HttpRequest.BodyPublishers.ofByteArray(shot.body())).build();
    }
}
