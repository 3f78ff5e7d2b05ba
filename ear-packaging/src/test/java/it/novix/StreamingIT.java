package it.novix;

import io.novix.launcher.NovixStack;
import io.novix.sim.HfSimulator;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.StringReader;
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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streaming chat completions through Novix: relay without buffering, metering, mid-stream failures, disconnects. */
class StreamingIT {

    private static NovixStack stack;
    private static Api api;
    private static HfSimulator sim;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
        sim = stack.simulator().orElseThrow();
        token = api.token(api.tenant("s-" + UUID.randomUUID().toString().substring(0, 8), "ENTERPRISE")).getString("token");
    }

    private static String body(String text, boolean includeUsage) {
        return "{\"model\":\"HuggingFaceH4/zephyr-7b-beta\",\"stream\":true,"
                + (includeUsage ? "\"stream_options\":{\"include_usage\":true}," : "")
                + "\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]}";
    }

    private static HttpResponse<InputStream> open(String body) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString(body)).build(), HttpResponse.BodyHandlers.ofInputStream());
    }

    /** Reads SSE data payloads until n have arrived or the stream ends. */
    private static List<String> read(BufferedReader reader, int n) throws Exception {
        List<String> events = new ArrayList<>();
        String line;
        while (events.size() < n && (line = reader.readLine()) != null) {
            if (line.startsWith("data: ")) {
                events.add(line.substring(6));
            }
        }
        return events;
    }

    private static List<String> readAll(HttpResponse<InputStream> r) throws Exception {
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            return read(reader, Integer.MAX_VALUE);
        }
    }

    private static JsonObject json(String s) {
        return Json.createReader(new StringReader(s)).readObject();
    }

    /**
     * A stream the upstream never reported usage for is charged the prompt's estimate (its text at
     * four characters a token, plus four for the message) and the larger of the delivered chunks
     * and the delivered text's estimate: never 0 prompt tokens, never one token per chunk only.
     */
    private static void assertCharged(Map<String, Object> row, String prompt, List<String> delivered, int chunks) {
        assertEquals(4 + (prompt.length() + 3) / 4, row.get("tokens_in"), "the prompt is charged");
        assertEquals(Math.max(chunks, (content(delivered).length() + 3) / 4), row.get("tokens_out"), "what was delivered is charged");
    }

    private static String content(List<String> events) {
        StringBuilder text = new StringBuilder();
        for (String e : events) {
            if (!e.equals("[DONE]") && json(e).containsKey("choices") && !json(e).getJsonArray("choices").isEmpty()) {
                text.append(json(e).getJsonArray("choices").getJsonObject(0).getJsonObject("delta").getString("content", ""));
            }
        }
        return text.toString();
    }

    private static Map<String, Object> auditRow(String requestId) throws Exception {
        List<Map<String, Object>> rows = Db.audit(stack, requestId);
        assertEquals(1, rows.size());
        return rows.get(0);
    }

    /** What the same question costs without streaming: the reference for metering. */
    private static JsonObject usageWithoutStreaming(String text) throws Exception {
        return api.chat(token, Api.chatBody(text)).object().getJsonObject("usage");
    }

    private static long contentChunks(List<String> events) {
        return events.stream().filter(e -> !e.equals("[DONE]") && !json(e).getJsonArray("choices").isEmpty()
                && json(e).getJsonArray("choices").getJsonObject(0).getJsonObject("delta").containsKey("content")).count();
    }

    @Test
    void streamIsRelayedAndMeteredExactly() throws Exception {
        JsonObject reference = usageWithoutStreaming("Stream to me");
        HttpResponse<InputStream> r = open(body("Stream to me", false));
        assertEquals(200, r.statusCode());
        assertTrue(r.headers().firstValue("Content-Type").orElseThrow().startsWith("text/event-stream"));
        List<String> events = readAll(r);
        assertEquals("[DONE]", events.get(events.size() - 1));
        assertEquals("Simulated answer from HuggingFaceH4/zephyr-7b-beta to: Stream to me", content(events));
        assertTrue(events.stream().noneMatch(e -> e.contains("\"usage\":{")), "usage chunk only for callers who asked");

        Map<String, Object> row = auditRow(r.headers().firstValue("X-Request-Id").orElseThrow());
        assertEquals("SUCCESS", row.get("outcome"));
        assertEquals("completed", row.get("stream_outcome"));
        assertEquals("chat-completion", row.get("task"));
        assertEquals(reference.getInt("completion_tokens"), row.get("tokens_out"), "same metering as without streaming");
        assertEquals(reference.getInt("prompt_tokens"), row.get("tokens_in"));
        assertEquals(contentChunks(events), ((Integer) row.get("tokens_out")).longValue(), "one per streamed token");
        assertNotNull(row.get("ttfb_ms"));
    }

    @Test
    void callersWhoAskGetTheUsageChunk() throws Exception {
        JsonObject reference = usageWithoutStreaming("usage please");
        List<String> events = readAll(open(body("usage please", true)));
        String usage = events.get(events.size() - 2);
        assertEquals(0, json(usage).getJsonArray("choices").size());
        assertEquals(reference, json(usage).getJsonObject("usage"));
    }

    @Test
    void chunksReachTheClientBeforeTheUpstreamHasFinished() throws Exception {
        script("[{\"kind\":\"stream_hold\",\"afterChunks\":3}]");
        HttpResponse<InputStream> r = open(body("no buffering here", false));
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            List<String> first = read(reader, 3); // the upstream is held after 3 chunks: only a relay delivers these
            assertEquals(3, first.size());
            assertEquals("Simulated answer from", content(first));
            sim.releaseHeld();
            List<String> rest = read(reader, Integer.MAX_VALUE);
            assertEquals("[DONE]", rest.get(rest.size() - 1));
        }
    }

    @Test
    void theFirstEventIsNotHeldBackUntilTheSecond() throws Exception {
        script("[{\"kind\":\"stream_hold\",\"afterChunks\":1}]");
        HttpResponse<InputStream> r = open(body("first things first", false));
        try (BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            List<String> first = read(reader, 1); // only one chunk exists until the test releases the upstream
            assertEquals("Simulated", content(first).strip());
            sim.releaseHeld();
            List<String> rest = read(reader, Integer.MAX_VALUE);
            assertEquals("[DONE]", rest.get(rest.size() - 1));
        }
    }

    @Test
    void midStreamErrorBecomesAnErrorEventAndAnAuditOutcome() throws Exception {
        script("[{\"kind\":\"stream_error\",\"afterChunks\":3}]");
        HttpResponse<InputStream> r = open(body("fail midway", false));
        List<String> events = readAll(r);
        assertEquals(4, events.size(), "three chunks, then the error event, and no [DONE]");
        JsonObject error = json(events.get(3)).getJsonObject("error");
        assertEquals("upstream_stream_error", error.getString("code"));
        assertTrue(error.getString("message").contains("CUDA out of memory"));
        Map<String, Object> row = auditRow(r.headers().firstValue("X-Request-Id").orElseThrow());
        assertEquals("FAILED", row.get("outcome"));
        assertEquals("upstream_error", row.get("stream_outcome"));
        assertCharged(row, "fail midway", events.subList(0, 3), 3);
    }

    @Test
    void aCutStreamNeverEndsAsACleanSuccess() throws Exception {
        script("[{\"kind\":\"stream_cut\",\"afterChunks\":2}]");
        HttpResponse<InputStream> r = open(body("cut me", false));
        List<String> events = readAll(r);
        assertFalse(events.contains("[DONE]"));
        assertEquals("upstream_stream_interrupted", json(events.get(events.size() - 1)).getJsonObject("error").getString("code"));
        Map<String, Object> row = auditRow(r.headers().firstValue("X-Request-Id").orElseThrow());
        assertEquals("FAILED", row.get("outcome"));
        assertEquals("interrupted", row.get("stream_outcome"));
        assertCharged(row, "cut me", events, 2);
    }

    @Test
    void clientDisconnectCancelsTheUpstreamAndIsStillAudited() throws Exception {
        long abortedBefore = sim.abortedStreams();
        sim.chunkDelay(20);
        try {
            script("[{\"kind\":\"stream_hold\",\"afterChunks\":2}]");
            HttpResponse<InputStream> r = open(body("I will hang up early on this rather long question", false));
            String requestId = r.headers().firstValue("X-Request-Id").orElseThrow();
            BufferedReader reader = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8));
            assertEquals(2, read(reader, 2).size());
            reader.close(); // hang up
            sim.releaseHeld();

            List<Map<String, Object>> rows = List.of();
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (rows.isEmpty() && System.nanoTime() < deadline) {
                rows = Db.audit(stack, requestId); // the row is written when the relay notices the hang-up
                Thread.sleep(rows.isEmpty() ? 10 : 0); // a poll, not a spin: the server under test has two cores
            }
            assertEquals(1, rows.size(), "the cancelled stream is audited");
            assertEquals("CANCELLED", rows.get(0).get("outcome"));
            assertEquals("client_disconnected", rows.get(0).get("stream_outcome"));
            assertTrue((Integer) rows.get(0).get("tokens_out") >= 2, "partial usage metered");
            while (sim.abortedStreams() == abortedBefore && System.nanoTime() < deadline) {
                Thread.sleep(10); // a poll, not a spin (two cores), until the simulator sees its reader gone
            }
            assertEquals(abortedBefore + 1, sim.abortedStreams(), "the upstream call was cancelled");
        } finally {
            sim.chunkDelay(0);
        }
    }

    @Test
    void failuresBeforeTheFirstByteAreOrdinaryJsonErrors() throws Exception {
        script("[{\"kind\":\"rate_limit\"},{\"kind\":\"rate_limit\"},{\"kind\":\"rate_limit\"}]");
        HttpResponse<InputStream> r = open(body("busy", false));
        assertEquals(429, r.statusCode());
        String bodyText = new String(r.body().readAllBytes(), StandardCharsets.UTF_8);
        assertEquals("upstream_rate_limited", json(bodyText).getJsonObject("error").getString("code"));
    }

    private static void script(String faults) {
        sim.script("{\"faults\":" + faults + "}");
    }
}
