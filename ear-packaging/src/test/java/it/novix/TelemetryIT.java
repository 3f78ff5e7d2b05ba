package it.novix;

import com.sun.net.httpserver.HttpServer;
import io.novix.launcher.NovixStack;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.zip.GZIPInputStream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, telemetry: with OTLP export configured, every inference call is traced with the GenAI
 * semantic conventions and Novix's attributes, received by a local OTLP/HTTP endpoint; the prompt and
 * the key never travel in a span. Metrics carry the bounded tenant label and the latency histogram.
 */
class TelemetryIT {

    @Test
    void callsAreTracedOverOtlpWithTheGenAiConventions() throws Exception {
        List<byte[]> received = new CopyOnWriteArrayList<>();
        HttpServer otlp = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        otlp.createContext("/v1/traces", ex -> {
            byte[] body = ex.getRequestBody().readAllBytes();
            if ("gzip".equalsIgnoreCase(ex.getRequestHeaders().getFirst("Content-Encoding"))) {
                body = new GZIPInputStream(new java.io.ByteArrayInputStream(body)).readAllBytes();
            }
            received.add(body);
            ex.sendResponseHeaders(200, -1);
            ex.close();
        });
        otlp.start();
        Map<String, String> env = Stacks.testEnv();
        env.put("OTEL_SDK_DISABLED", "false");
        env.put("OTEL_TRACES_EXPORTER", "otlp");
        env.put("OTEL_METRICS_EXPORTER", "none");
        env.put("OTEL_LOGS_EXPORTER", "none");
        env.put("OTEL_EXPORTER_OTLP_PROTOCOL", "http/protobuf");
        env.put("OTEL_EXPORTER_OTLP_ENDPOINT", "http://127.0.0.1:" + otlp.getAddress().getPort());
        env.put("OTEL_SERVICE_NAME", "novix-it");
        env.put("OTEL_BSP_SCHEDULE_DELAY", "200");
        env.put("NOVIX_TOKEN_CACHE_TTL", "PT2S"); // the default: this test counts the token cache's reads
        String prompt = "secret prompt " + UUID.randomUUID();
        try (NovixStack stack = Stacks.create("telemetry", env)) {
            stack.start();
            Api api = new Api(stack.baseUrl(), stack.adminToken());
            String slug = "otel-" + UUID.randomUUID().toString().substring(0, 8);
            String token = api.token(api.tenant(slug, "STANDARD")).getString("token");
            Api.Answer a = api.chat(token, Api.chatBody(prompt));
            assertTrue(a.status() == 200, a.body());

            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String all = "";
            while (!(all.contains("gen_ai.usage.output_tokens") && all.contains(slug))) {
                assertTrue(System.nanoTime() < deadline, "no span with the GenAI attributes reached the OTLP endpoint");
                ByteArrayOutputStream joined = new ByteArrayOutputStream();
                received.forEach(joined::writeBytes);
                all = joined.toString(StandardCharsets.ISO_8859_1); // protobuf: attribute keys and strings are raw UTF-8
                Thread.sleep(10); // a poll, not a spin: the server under test has two cores
            }
            for (String attribute : List.of("gen_ai.operation.name", "chat", "gen_ai.provider.name", "huggingface",
                    "gen_ai.request.model", "gen_ai.response.model", "HuggingFaceH4/zephyr-7b-beta", "gen_ai.usage.input_tokens",
                    "novix.tenant", "novix.cache", "novix.request_id", a.requestId(), "novix-it")) {
                assertTrue(all.contains(attribute), "the trace carries " + attribute);
            }
            assertFalse(all.contains(prompt), "never the prompt");
            assertFalse(all.contains(Stacks.HF_KEY), "never the key");

            String metrics = Management.metrics(stack, "application").body();
            assertTrue(metrics.contains("tenant=\"" + slug + "\""), "the bounded tenant label");
            assertTrue(metrics.contains("novix_request_duration_seconds_bucket"), "latency as a histogram");
            assertTrue(metrics.contains("novix_limits_leases"), "limiter state");
            assertTrue(metrics.contains("novix_cache_total"), "cache results");

            // the row caches: a token in use is read from the database once, not once per call
            double before = tokenLoads(Management.metrics(stack, "application").body());
            for (int i = 0; i < 20; i++) {
                assertEquals(200, api.chat(token, Api.chatBody("again " + i)).status());
            }
            String after = Management.metrics(stack, "application").body();
            assertTrue(tokenLoads(after) - before <= 1, "20 calls with one token: at most one read on a caller's path, "
                    + (tokenLoads(after) - before) + " seen");
            assertTrue(after.contains("novix_cache_refresh_late{cache=\"token\""), "refresh health per cache");

            // past half its 2 s life, the token in use is reloaded by the pass (CacheReloads), never on a caller's path
            long deadline2 = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            String now = after;
            while (count(now, "novix_cache_refreshes", "token") < 1) {
                assertTrue(System.nanoTime() < deadline2, "the token in use was never reloaded ahead of its expiry");
                assertEquals(200, api.chat(token, Api.chatBody("later")).status());
                now = Management.metrics(stack, "application").body();
            }
            for (int i = 0; i < 20; i++) { // the reloaded entry serves on
                assertEquals(200, api.chat(token, Api.chatBody("after the reload " + i)).status());
            }
            now = Management.metrics(stack, "application").body();
            assertTrue(tokenLoads(now) - before <= 1, "a reload is not a read on a caller's path: " + (tokenLoads(now) - before));
            assertEquals(0, count(now, "novix_cache_refresh_failures", "token"));
        } finally {
            otlp.stop(0);
        }
    }

    private static double count(String metrics, String metric, String cache) {
        return metrics.lines().filter(l -> l.startsWith(metric + "{cache=\"" + cache + "\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no " + metric + " for the " + cache + " cache"));
    }

    private static double tokenLoads(String metrics) {
        return metrics.lines().filter(l -> l.startsWith("novix_cache_loads{cache=\"token\""))
                .mapToDouble(l -> Double.parseDouble(l.substring(l.lastIndexOf(' ') + 1))).findFirst()
                .orElseThrow(() -> new AssertionError("no novix_cache_loads for the token cache"));
    }
}
