package it.novix;

import io.novix.launcher.NovixStack;
import io.novix.sim.HfSimulator;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, request batching: concurrent single-input embeddings for one model and endpoint go
 * upstream as fewer TEI /embed calls, and every caller gets the vector of its own input and its own
 * audit row with its own tokens.
 */
class BatchingIT {

    private static final int CALLERS = 48;
    private static NovixStack stack;
    private static Api api;
    private static HfSimulator tei;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
        tei = HfSimulator.start(0, Optional.of(Stacks.HF_KEY), 150); // a TEI server that takes 150 ms a call
    }

    @AfterAll
    static void stop() {
        tei.close();
    }

    @Test
    void concurrentSingleInputsShareUpstreamCallsAndEachGetsItsOwnVector() throws Exception {
        String model = "acme/batch-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer reg = api.admin("POST", "/admin/model-endpoints", "{\"modelId\":\"" + model
                + "\",\"task\":\"feature-extraction\",\"kind\":\"SELF_HOSTED\",\"trustedPrivate\":true,\"baseUrl\":\"" + tei.baseUrl()
                + "/tei\",\"region\":\"eu-west-1\",\"priority\":1}");
        assertEquals(201, reg.status(), reg.body());
        String token = api.inferenceToken("batch", "ENTERPRISE"); // Standard's bulkhead is 2 calls in the test stack
        int before = tei.seen().size();

        ExecutorService callers = Executors.newFixedThreadPool(CALLERS);
        CyclicBarrier start = new CyclicBarrier(CALLERS); // every caller sends at the same moment
        List<Future<Api.Answer>> answers = new ArrayList<>();
        List<String> inputs = new ArrayList<>();
        for (int i = 0; i < CALLERS; i++) {
            String input = "sentence " + i + " " + UUID.randomUUID();
            inputs.add(input);
            answers.add(callers.submit(() -> {
                start.await(30, TimeUnit.SECONDS);
                return api.send("POST", "/v1/embeddings", token, "{\"model\":\"" + model + "\",\"input\":\"" + input + "\"}");
            }));
        }
        List<Api.Answer> done = new ArrayList<>();
        for (Future<Api.Answer> f : answers) {
            done.add(f.get());
        }
        callers.shutdown();
        for (Api.Answer a : done) {
            assertEquals(200, a.status(), a.body());
        }
        List<HfSimulator.Seen> calls = tei.seen().subList(before, tei.seen().size());
        int largest = calls.stream().mapToInt(s -> json(s.body()).getJsonArray("inputs").size()).max().orElse(0);
        System.out.printf("BatchingIT: %d callers, %d upstream calls, largest batch %d%n", CALLERS, calls.size(), largest);
        assertTrue(calls.size() < CALLERS / 2, CALLERS + " callers made " + calls.size() + " upstream calls");
        assertTrue(largest > 1);
        assertEquals(CALLERS, calls.stream().mapToInt(s -> json(s.body()).getJsonArray("inputs").size()).sum(),
                "every input went upstream once");

        for (int i = 0; i < CALLERS; i++) {
            Api.Answer a = done.get(i);
            assertEquals(200, a.status(), a.body());
            JsonArray mine = a.object().getJsonArray("data").getJsonObject(0).getJsonArray("embedding");
            JsonArray expected = direct(inputs.get(i));
            for (int d = 0; d < expected.size(); d++) {
                assertEquals(expected.getJsonNumber(d).doubleValue(), mine.getJsonNumber(d).doubleValue(), 1e-6,
                        "caller " + i + " got the vector of its own input");
            }
            Map<String, Object> row = Db.audit(stack, a.requestId()).get(0);
            assertEquals("SUCCESS", row.get("outcome"));
            assertEquals(a.object().getJsonObject("usage").getInt("prompt_tokens"), ((Number) row.get("tokens_in")).intValue(),
                    "billed for its own input");
        }
    }

    /** The vector the TEI server gives the input alone (asked directly, not through Novix). */
    private static JsonArray direct(String input) throws Exception {
        HttpRequest r = HttpRequest.newBuilder(URI.create(tei.baseUrl() + "/tei/embed")).header("Content-Type", "application/json")
                .header("Authorization", "Bearer " + Stacks.HF_KEY)
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\":[\"" + input + "\"],\"normalize\":true}")).build();
        String body = HttpClient.newHttpClient().send(r, HttpResponse.BodyHandlers.ofString()).body();
        return Json.createReader(new StringReader(body)).readArray().getJsonArray(0);
    }

    private static JsonObject json(byte[] body) {
        return Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
    }
}
