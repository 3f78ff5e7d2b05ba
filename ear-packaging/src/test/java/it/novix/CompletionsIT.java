package it.novix;

import io.novix.launcher.NovixStack;
import io.novix.sim.HfSimulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code POST /v1/completions}, the task added through the shared call path: what
 * {@code @huggingface/inference}'s textGeneration sends to an OpenAI-compatible endpoint, a prompt
 * list, streaming, refusals, and the audit row with the metered tokens.
 */
class CompletionsIT {

    private static NovixStack stack;
    private static Api api;
    private static HfSimulator sim;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
        sim = stack.simulator().orElseThrow();
        token = api.token(api.tenant("cmpl-" + UUID.randomUUID().toString().substring(0, 8), "ENTERPRISE")).getString("token");
    }

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    @Test
    void aPromptIsCompletedMeteredAndAudited() throws Exception {
        // the body @huggingface/inference 4.x textGeneration posts to {endpointUrl}/v1/completions
        Api.Answer a = api.send("POST", "/v1/completions", token,
                "{\"model\":\"HuggingFaceH4/zephyr-7b-beta\",\"prompt\":\"Once upon a time\",\"max_tokens\":50}");
        assertEquals(200, a.status(), a.body());
        JsonObject body = a.object();
        assertEquals("text_completion", body.getString("object"));
        String text = body.getJsonArray("choices").getJsonObject(0).getString("text");
        assertTrue(text.endsWith("of: Once upon a time"), text);
        assertEquals("/v1/completions", sim.seen().get(sim.seen().size() - 1).path(), "TGI's and the router's route");
        assertTrue(sim.seen().get(sim.seen().size() - 1).enterprise(), "X-Enterprise: true upstream");
        JsonObject usage = body.getJsonObject("usage");
        Map<String, Object> row = Db.audit(stack, a.requestId()).get(0);
        assertEquals("inference.completions", row.get("action"));
        assertEquals("SUCCESS", row.get("outcome"));
        assertEquals((long) usage.getInt("prompt_tokens"), ((Number) row.get("tokens_in")).longValue());
        assertEquals((long) usage.getInt("completion_tokens"), ((Number) row.get("tokens_out")).longValue());
        assertTrue(usage.getInt("completion_tokens") > 0);
    }

    @Test
    void aListOfPromptsGetsOneChoiceEachAndDefaultsAreFilledIn() throws Exception {
        Api.Answer a = api.send("POST", "/v1/completions", token, "{\"prompt\":[\"first\",\"second\"],\"max_tokens\":3}");
        assertEquals(200, a.status(), a.body());
        assertEquals(2, a.object().getJsonArray("choices").size());
        assertEquals("length", a.object().getJsonArray("choices").getJsonObject(1).getString("finish_reason"));
        JsonObject sent = json(new String(sim.seen().get(sim.seen().size() - 1).body(), StandardCharsets.UTF_8));
        assertTrue(sent.containsKey("model") && sent.containsKey("temperature") && sent.containsKey("top_p"), sent.toString());
    }

    @Test
    void aStreamIsRelayedAndMeteredExactly() throws Exception {
        HttpResponse<String> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/v1/completions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json").timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"prompt\":\"Stream me\",\"stream\":true,\"max_tokens\":40}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(200, r.statusCode(), r.body());
        assertTrue(r.headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        List<String> events = Arrays.stream(r.body().split("\n")).filter(l -> l.startsWith("data: ")).map(l -> l.substring(6)).toList();
        assertEquals("[DONE]", events.get(events.size() - 1));
        StringBuilder text = new StringBuilder();
        for (String e : events.subList(0, events.size() - 1)) {
            JsonObject chunk = json(e);
            assertEquals("text_completion", chunk.getString("object"));
            assertFalse(chunk.getJsonArray("choices").isEmpty(), "no usage chunk unless the caller asked: " + e);
            text.append(chunk.getJsonArray("choices").getJsonObject(0).getString("text"));
        }
        assertTrue(text.toString().contains("Stream me"), text.toString());
        String requestId = r.headers().firstValue("X-Request-Id").orElseThrow();
        Map<String, Object> row = Db.audit(stack, requestId).get(0);
        assertEquals("inference.completions", row.get("action"));
        assertEquals("SUCCESS", row.get("outcome"));
        assertTrue(((Number) row.get("tokens_out")).longValue() > 0, "the usage chunk Novix asked for was metered: " + row);
    }

    @Test
    void badRequestsAreClearJsonErrors() throws Exception {
        Map<String, String> cases = Map.of(
                "{\"max_tokens\":5}", "prompt",
                "{\"prompt\":[1,2,3]}", "prompt",
                "{\"prompt\":\"x\",\"max_tokens\":0}", "max_tokens",
                "{\"prompt\":[\"a\",\"b\"],\"stream\":true}", "prompt",
                "{\"prompt\":\"x\",\"messages\":[]}", "messages",
                "{\"prompt\":\"x\",\"n\":3}", "n");
        for (Map.Entry<String, String> c : cases.entrySet()) {
            Api.Answer a = api.send("POST", "/v1/completions", token, c.getKey());
            assertEquals(400, a.status(), c.getKey() + " → " + a.body());
            assertTrue(a.body().contains(c.getValue()), c.getKey() + " → " + a.body());
        }
        Api.Answer embeddingsOnly = api.send("POST", "/v1/completions",
                api.token(api.tenant("cmpl-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD"), "inference:embeddings").getString("token"),
                "{\"prompt\":\"x\"}");
        assertEquals(403, embeddingsOnly.status(), "text generation needs inference:chat");
    }

    /** The servlet-served routes answer other methods in the API's shape and stay in the OpenAPI document. */
    @Test
    void theHotRoutesAreDocumentedAndRefuseOtherMethods() throws Exception {
        JsonObject paths = json(api.send("GET", "/openapi?format=JSON", null, null).body()).getJsonObject("paths");
        for (String route : List.of("/v1/chat/completions", "/v1/completions", "/v1/embeddings")) {
            assertTrue(paths.containsKey(route) && paths.getJsonObject(route).containsKey("post"), route + " in " + paths.keySet());
            Api.Answer get = api.send("GET", route, token, null);
            assertEquals(405, get.status(), route + " → " + get.body());
            assertEquals("method_not_allowed", json(get.body()).getJsonObject("error").getString("code"), get.body());
            assertTrue(get.raw().headers().firstValue("X-Request-Id").isPresent(), "the error carries a request id");
        }
        assertTrue(paths.containsKey("/v1/images/generations"), "the JAX-RS routes are still there: " + paths.keySet());
    }
}
