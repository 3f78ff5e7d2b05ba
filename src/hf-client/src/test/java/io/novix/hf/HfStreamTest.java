package io.novix.hf;

import io.novix.sim.HfSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Streaming over real HTTP: event parsing, usage chunk, mid-stream error, cut stream, retries before the first byte. */
class HfStreamTest {

    private static final String BODY = "{\"model\":\"org/m\",\"stream\":true,\"stream_options\":{\"include_usage\":true},"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"stream me please\"}]}";

    private HfSimulator sim;
    private HfClient client;
    private final AsyncPosts async = new AsyncPosts(4, Duration.ofSeconds(2), Duration.ofSeconds(30), null);

    static final class Collector implements SseListener {
        final List<String> events = new CopyOnWriteArrayList<>();
        final CountDownLatch finished = new CountDownLatch(1);
        volatile boolean ended;
        volatile Throwable broken;

        @Override
        public void onEvent(String data) {
            events.add(data);
        }

        @Override
        public void onEnd() {
            ended = true;
            finished.countDown();
        }

        @Override
        public void onBroken(Throwable error) {
            broken = error;
            finished.countDown();
        }

        void await() throws InterruptedException {
            assertTrue(finished.await(10, TimeUnit.SECONDS), "stream finished");
        }
    }

    @BeforeEach
    void start() throws IOException {
        sim = HfSimulator.start(0, Optional.empty(), 0);
        client = new HfClient(HfClientConfig.defaults(URI.create(sim.baseUrl()), Optional.empty(), 2)
                .withBackoff(Duration.ofMillis(10), Duration.ofMillis(50)), null, async);
    }

    @AfterEach
    void stop() {
        async.close();
        sim.close();
    }

    private void script(String faults) {
        sim.script("{\"faults\":" + faults + "}");
    }

    private StreamOutcome open(Collector c) {
        return client.chatCompletionStream(BODY.getBytes(StandardCharsets.UTF_8), c).join();
    }

    @Test
    void eventsArriveInOrderWithUsageAndDone() throws Exception {
        Collector c = new Collector();
        assertInstanceOf(StreamOutcome.Opened.class, open(c));
        c.await();
        assertTrue(c.ended);
        assertEquals("[DONE]", c.events.get(c.events.size() - 1));
        String usage = c.events.get(c.events.size() - 2);
        assertTrue(usage.contains("\"usage\":{\"prompt_tokens\""), usage);
        StringBuilder text = new StringBuilder();
        for (String e : c.events) {
            int i = e.indexOf("\"content\":\"");
            if (i > 0) {
                text.append(e, i + 11, e.indexOf('"', i + 11));
            }
        }
        assertEquals("Simulated answer from org/m to: stream me please", text.toString());
    }

    @Test
    void midStreamErrorIsAnEventAndFailuresBeforeTheFirstByteAreRetried() throws Exception {
        script("[{\"kind\":\"status\",\"status\":503},{\"kind\":\"stream_error\",\"afterChunks\":3}]");
        Collector c = new Collector();
        StreamOutcome.Opened opened = assertInstanceOf(StreamOutcome.Opened.class, open(c));
        assertEquals(2, opened.attempts());
        c.await();
        assertEquals(4, c.events.size(), "three chunks and the error event");
        assertTrue(c.events.get(3).contains("\"error_type\":\"generation\""));
    }

    @Test
    void cutStreamEndsWithoutDone() throws Exception {
        script("[{\"kind\":\"stream_cut\",\"afterChunks\":2}]");
        Collector c = new Collector();
        open(c);
        c.await();
        assertEquals(2, c.events.size());
        assertTrue(c.events.stream().noneMatch("[DONE]"::equals));
    }

    @Test
    void clientErrorsAreNotRetriedAndNeverOpen() throws Exception {
        script("[{\"kind\":\"status\",\"status\":422,\"errorType\":\"validation\"}]");
        StreamOutcome.Failed failed = assertInstanceOf(StreamOutcome.Failed.class, open(new Collector()));
        assertEquals(HfFailure.Kind.VALIDATION, failed.failure().kind());
        assertEquals(1, sim.calls());
    }
}
