package io.novix.hf;

import io.novix.sim.HfSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Task API, TGI and TEI formats over real HTTP against the simulator, plus transport faults. */
class HfTaskTest {

    private HfSimulator sim;
    private HfClient client;
    private URI base;
    private AsyncPosts async;

    @BeforeEach
    void start() throws IOException {
        sim = HfSimulator.start(0, Optional.of("hf_test_key_123"), 0);
        base = URI.create(sim.baseUrl());
        // the transport's timeouts are the client's: one pool serves every endpoint with the configured ones
        async = new AsyncPosts(16, Duration.ofSeconds(2), Duration.ofMillis(400), null);
        client = new HfClient(new HfClientConfig(base, Optional.of("hf_test_key_123"), Duration.ofSeconds(2),
                Duration.ofMillis(400), 2, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(5)), null, async);
    }

    @AfterEach
    void stop() {
        async.close();
        sim.close();
    }

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void urlsFollowEachUpstreamStyle() {
        URI b = URI.create("https://router.example/v1/");
        assertEquals("https://router.example/hf-inference/models/org/m", Endpoints.task(b, Endpoints.Style.ROUTER, "org/m:hf-inference", "text-generation", false).toString());
        assertEquals("https://router.example/hf-inference/models/BAAI/bge/pipeline/feature-extraction",
                Endpoints.task(b, Endpoints.Style.ROUTER, "BAAI/bge", "feature-extraction", false).toString());
        assertEquals("https://tgi.local/generate_stream", Endpoints.task(URI.create("https://tgi.local"), Endpoints.Style.TGI_TEI, "x", "text-generation", true).toString());
        assertEquals("https://tei.local/embed", Endpoints.task(URI.create("https://tei.local/"), Endpoints.Style.TGI_TEI, "x", "feature-extraction", false).toString());
        assertEquals("https://ep.cloud", Endpoints.task(URI.create("https://ep.cloud"), Endpoints.Style.ENDPOINT, "x", "text-to-image", false).toString());
    }

    @Test
    void teiEmbedAnswersOneNormalisedVectorPerInputAndReportsTokens() {
        TaskOutcome.Answered a = assertInstanceOf(TaskOutcome.Answered.class, client.post(URI.create(base + "/embed"),
                "application/json", json("{\"inputs\":[\"one two\",\"three\"],\"normalize\":true}")).join());
        List<float[]> vectors = TaskAnswers.embeddings(a.body()).orElseThrow();
        assertEquals(2, vectors.size());
        double norm = 0;
        for (float x : vectors.get(0)) {
            norm += x * x;
        }
        assertEquals(1.0, norm, 1e-3);
        assertEquals("7", a.header("x-compute-tokens").orElseThrow(), "2 + 1 words plus [CLS]/[SEP] each");
    }

    @Test
    void teiRefusesAnOversizedBatchWith413() {
        StringBuilder inputs = new StringBuilder("[");
        for (int i = 0; i < 33; i++) {
            inputs.append(i == 0 ? "" : ",").append("\"x\"");
        }
        TaskOutcome.Failed f = assertInstanceOf(TaskOutcome.Failed.class, client.post(URI.create(base + "/embed"),
                "application/json", json("{\"inputs\":" + inputs + "]}")).join());
        assertEquals(HfFailure.Kind.PAYLOAD_TOO_LARGE, f.failure().kind());
        assertEquals(1, f.attempts(), "413 is never retried");
    }

    @Test
    void tgiGenerateGivesTextDetailsAndTokenHeaders() {
        TaskOutcome.Answered a = assertInstanceOf(TaskOutcome.Answered.class, client.post(URI.create(base + "/generate"),
                "application/json", json("{\"inputs\":\"Hello\",\"parameters\":{\"max_new_tokens\":3}}")).join());
        TaskAnswers.Generated g = TaskAnswers.generated(a.body()).orElseThrow();
        assertEquals(3, g.generatedTokens().orElseThrow());
        assertEquals("length", g.finishReason());
        assertEquals("3", a.header("x-generated-tokens").orElseThrow());
        assertEquals("1", a.header("x-prompt-tokens").orElseThrow());
    }

    @Test
    void tgiRefusesTopPOfOneAs422WithoutRetry() {
        TaskOutcome.Failed f = assertInstanceOf(TaskOutcome.Failed.class, client.post(URI.create(base + "/generate"),
                "application/json", json("{\"inputs\":\"Hello\",\"parameters\":{\"top_p\":1.0}}")).join());
        assertEquals(HfFailure.Kind.VALIDATION, f.failure().kind());
        assertTrue(f.failure().message().contains("top_p"));
        assertEquals(1, sim.calls());
    }

    @Test
    void tgiStreamEndsWithAnErrorEventMidStream() throws Exception {
        sim.script("{\"faults\":[{\"kind\":\"stream_error\",\"afterChunks\":2}]}");
        List<String> events = new CopyOnWriteArrayList<>();
        CountDownLatch ended = new CountDownLatch(1);
        StreamOutcome o = client.stream(URI.create(base + "/generate_stream"), json("{\"inputs\":\"Hello world\"}"), new SseListener() {
            public void onEvent(String data) { events.add(data); }
            public void onEnd() { ended.countDown(); }
            public void onBroken(Throwable error) { ended.countDown(); }
        }).join();
        assertInstanceOf(StreamOutcome.Opened.class, o);
        assertTrue(ended.await(5, TimeUnit.SECONDS));
        assertEquals(3, events.size());
        assertTrue(events.get(0).startsWith("{\"index\":1,\"token\":"), events.get(0));
        assertTrue(events.get(2).contains("\"error_type\":\"generation\""));
    }

    @Test
    void textToImageAnswersPngBytes() {
        TaskOutcome.Answered a = assertInstanceOf(TaskOutcome.Answered.class, client.post(
                URI.create(base + "/hf-inference/models/stabilityai/stable-diffusion-xl-base-1.0"), "application/json",
                json("{\"inputs\":\"a red fox\",\"parameters\":{\"width\":64,\"height\":128}}")).join());
        assertEquals("image/png", a.contentType());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(a.body(), 4));
    }

    @Test
    void whisperTakesRawWavBytesAndAnswersTimestampedChunks() {
        TaskOutcome.Answered a = assertInstanceOf(TaskOutcome.Answered.class, client.post(
                URI.create(base + "/hf-inference/models/openai/whisper-large-v3"), "audio/wav", wav(2.0)).join());
        TaskAnswers.Transcript t = TaskAnswers.transcript(a.body()).orElseThrow();
        assertTrue(t.text().contains("2.0 seconds"), t.text());
        assertEquals(2, t.chunks().size());
        assertEquals(2.0, t.chunks().get(1).end(), 1e-9);
        assertEquals("audio/wav", sim.seen().get(0).contentType());
    }

    @Test
    void whisperRefusesBytesThatAreNotAudio() {
        TaskOutcome.Failed f = assertInstanceOf(TaskOutcome.Failed.class, client.post(
                URI.create(base + "/hf-inference/models/openai/whisper-large-v3"), "audio/wav", json("not audio")).join());
        assertEquals(HfFailure.Kind.BAD_REQUEST, f.failure().kind());
        assertEquals("Malformed soundfile", f.failure().message());
    }

    @Test
    void aDroppedConnectionIsRetriedAndThenAnswered() {
        sim.script("{\"faults\":[{\"kind\":\"reset\"}]}");
        TaskOutcome.Answered a = assertInstanceOf(TaskOutcome.Answered.class, client.post(URI.create(base + "/generate"),
                "application/json", json("{\"inputs\":\"Hello\"}")).join());
        assertEquals(2, a.attempts());
        assertEquals(2, sim.calls());
    }

    @Test
    void aSilentUpstreamTimesOutAfterTheReadTimeoutAndIsNotRetried() {
        sim.script("{\"faults\":[{\"kind\":\"hang\"}]}");
        long started = System.nanoTime();
        TaskOutcome.Failed f = assertInstanceOf(TaskOutcome.Failed.class, client.post(URI.create(base + "/generate"),
                "application/json", json("{\"inputs\":\"Hello\"}")).join());
        long ms = (System.nanoTime() - started) / 1_000_000;
        assertEquals(HfFailure.Kind.TIMEOUT, f.failure().kind());
        assertTrue(ms >= 400 && ms < 3000, "read timeout is 400 ms, took " + ms);
        assertEquals(1, sim.calls());
    }

    @Test
    void aScaledToZeroEndpointAnswers503WithoutScaleUpTimeoutAndHoldsWithIt() throws Exception {
        sim.script("{\"faults\":[{\"kind\":\"cold_start\",\"delayMs\":300}]}");
        TaskOutcome.Answered a = assertInstanceOf(TaskOutcome.Answered.class, client.post(URI.create(base + "/generate"),
                "application/json", json("{\"inputs\":\"Hello\"}")).join());
        assertEquals(1, a.attempts(), "the client's X-Scale-Up-Timeout (5 s) covers the 300 ms wake-up");
        sim.script("{\"faults\":[{\"kind\":\"cold_start\",\"delayMs\":60000}]}");
        java.net.http.HttpResponse<String> raw = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest
                .newBuilder(URI.create(base + "/generate")).header("Authorization", "Bearer hf_test_key_123")
                .POST(java.net.http.HttpRequest.BodyPublishers.ofString("{\"inputs\":\"x\"}")).build(),
                java.net.http.HttpResponse.BodyHandlers.ofString());
        assertEquals(503, raw.statusCode(), "a caller that does not ask to wait is told to come back");
    }

    /** A silent 16 kHz mono 16-bit WAV of the given length. */
    static byte[] wav(double seconds) {
        int data = (int) (seconds * 32_000);
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(16_000).putInt(32_000).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data);
        return b.array();
    }
}
