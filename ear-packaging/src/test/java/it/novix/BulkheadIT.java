package it.novix;

import io.novix.launcher.NovixStack;
import io.novix.sim.HfSimulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A tenant whose calls hang on a slow model fills only its own bulkhead (2 in flight for Standard
 * in the test stack): its next call is refused at once with 429, another tenant is served meanwhile.
 */
class BulkheadIT {

    private static NovixStack stack;
    private static Api api;
    private static HfSimulator sim;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
        sim = stack.simulator().orElseThrow();
    }

    private static String standardToken() throws Exception {
        return api.token(api.tenant("b-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD")).getString("token");
    }

    private static HttpResponse<InputStream> openStream(String token) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .timeout(Duration.ofSeconds(60))
                .POST(HttpRequest.BodyPublishers.ofString("{\"model\":\"HuggingFaceH4/zephyr-7b-beta\",\"stream\":true,"
                        + "\"messages\":[{\"role\":\"user\",\"content\":\"a slow answer please\"}]}")).build(),
                HttpResponse.BodyHandlers.ofInputStream());
    }

    private static String drain(HttpResponse<InputStream> r) throws Exception {
        StringBuilder all = new StringBuilder();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                all.append(line).append('\n');
            }
        }
        return all.toString();
    }

    @Test
    void aFullBulkheadRefusesItsOwnTenantOnlyAndEmptiesWhenCallsEnd() throws Exception {
        String slow = standardToken();
        String other = standardToken();
        sim.script("{\"faults\":[{\"kind\":\"stream_hold\",\"afterChunks\":1},{\"kind\":\"stream_hold\",\"afterChunks\":1}]}");
        HttpResponse<InputStream> first = openStream(slow);
        HttpResponse<InputStream> second = openStream(slow);
        assertEquals(200, first.statusCode());
        assertEquals(200, second.statusCode());
        try {
            long upstreamBefore = sim.calls();
            Api.Answer refused = api.chat(slow, Api.chatBody("one more"));
            assertEquals(429, refused.status());
            assertEquals("concurrency_limit_exceeded", refused.errorCode());
            assertEquals("1", refused.raw().headers().firstValue("Retry-After").orElseThrow());
            assertEquals(upstreamBefore, sim.calls(), "refused before the upstream");
            Map<String, Object> row = Db.audit(stack, refused.requestId()).get(0);
            assertEquals("concurrency_limit_exceeded", row.get("error_code"));

            Api.Answer otherTenant = api.chat(other, Api.chatBody("meanwhile"));
            assertEquals(200, otherTenant.status(), "another tenant is not starved");
        } finally {
            sim.releaseHeld();
            sim.releaseHeld();
        }
        assertTrue(drain(first).contains("data: [DONE]"));
        assertTrue(drain(second).contains("data: [DONE]"));
        assertEquals(200, api.chat(slow, Api.chatBody("again")).status(), "the places were given back");
    }
}
