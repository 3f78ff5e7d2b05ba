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
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** What only the asynchronous transport has: its bound, its faults, and answers that leave the reactor's threads. */
class AsyncPostsTest {

    private HfSimulator sim;
    private AsyncPosts posts;
    private ExecutorService callbacks;
    private final AtomicInteger handedOver = new AtomicInteger();

    @BeforeEach
    void start() throws IOException {
        sim = HfSimulator.start(0, Optional.of("hf_test_key_123"), 0);
        posts = new AsyncPosts(4, Duration.ofSeconds(2), Duration.ofMillis(800), r -> new Thread(r, "reactor-test"));
        callbacks = Executors.newFixedThreadPool(2, r -> new Thread(r, "callbacks-test"));
    }

    @AfterEach
    void stop() {
        posts.close();
        callbacks.shutdownNow();
        sim.close();
    }

    private HfClient client(int retries) {
        return new HfClient(HfClientConfig.defaults(URI.create(sim.baseUrl()), Optional.of("hf_test_key_123"), retries),
                r -> {
                    handedOver.incrementAndGet();
                    callbacks.execute(r);
                }, posts);
    }

    @Test
    void anAnswerOverTheBoundIsCutOffAndTheNextIsReadWhole() {
        URI chat = Endpoints.chatCompletions(URI.create(sim.baseUrl()));
        Map<String, String> headers = Map.of("Authorization", "Bearer hf_test_key_123", "Content-Type", "application/json");
        CompletionException e = assertThrows(CompletionException.class,
                () -> posts.post(chat, headers, HfClientTest.CHAT, 16, List.of("content-type")).join());
        assertInstanceOf(BoundedBody.TooLarge.class, e.getCause());
        Answer whole = posts.post(chat, headers, HfClientTest.CHAT, HfClient.MAX_ANSWER_BYTES, List.of("content-type")).join();
        assertEquals(200, whole.status());
        assertTrue(whole.header("Content-Type").orElseThrow().startsWith("application/json"));
        assertTrue(new String(whole.body(), StandardCharsets.UTF_8).contains("\"choices\""));
        assertEquals("application/json", sim.seen().get(1).contentType(), "the caller's content type");
    }

    @Test
    void theCallersContinuationsNeverRunOnTheReactor() {
        String thread = client(0).chatCompletion(HfClientTest.CHAT)
                .thenApply(outcome -> {
                    assertInstanceOf(ChatOutcome.Completed.class, outcome);
                    return Thread.currentThread().getName();
                }).join();
        assertFalse(thread.startsWith("reactor-"), "continuation ran on " + thread);
        assertTrue(handedOver.get() >= 1, "the answer crossed to the client's executor");
    }

    @Test
    void anUpstreamThatNeverAnswersIsATimeout() {
        sim.script("{\"faults\":[{\"kind\":\"hang\"}]}");
        ChatOutcome.Failed failed = assertInstanceOf(ChatOutcome.Failed.class, client(0).chatCompletion(HfClientTest.CHAT).join());
        assertEquals(HfFailure.Kind.TIMEOUT, failed.failure().kind());
    }

    @Test
    void aDroppedConnectionIsAFailedConnectionAndThePoolRecovers() {
        sim.script("{\"faults\":[{\"kind\":\"reset\"}]}");
        ChatOutcome.Failed failed = assertInstanceOf(ChatOutcome.Failed.class, client(0).chatCompletion(HfClientTest.CHAT).join());
        assertEquals(HfFailure.Kind.UNREACHABLE, failed.failure().kind());
        assertInstanceOf(ChatOutcome.Completed.class, client(0).chatCompletion(HfClientTest.CHAT).join());
    }

    @Test
    void aDeclaredLengthIsTrustedOnlyUpToAFewHundredKiB() {
        assertEquals(420, AsyncPosts.Whole.initialCapacity(420, HfClient.MAX_ANSWER_BYTES), "a chat answer: one exact array");
        assertEquals(AsyncPosts.Whole.EXACT_UP_TO, AsyncPosts.Whole.initialCapacity(HfClient.MAX_ANSWER_BYTES, HfClient.MAX_ANSWER_BYTES),
                "a 64 MiB header alone does not allocate 64 MiB");
        assertEquals(1024, AsyncPosts.Whole.initialCapacity(-1, HfClient.MAX_ANSWER_BYTES), "no length: grown as bytes come");
        assertEquals(1024, AsyncPosts.Whole.initialCapacity(HfClient.MAX_ANSWER_BYTES + 1, HfClient.MAX_ANSWER_BYTES),
                "over the bound: fails when the bytes pass it");
    }
}
