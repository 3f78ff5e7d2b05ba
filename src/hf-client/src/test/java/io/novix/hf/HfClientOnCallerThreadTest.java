package io.novix.hf;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every case of {@link HfClientTest} again, each call made by a caller that waits on its thread
 * ({@link CallerWaits}) so whole answers go over {@link BlockingPosts}; and what only that path has.
 */
class HfClientOnCallerThreadTest extends HfClientTest {

    private final List<BlockingPosts> opened = new ArrayList<>();

    @Override
    protected HfClient newClient(HfClientConfig config) {
        BlockingPosts posts = new BlockingPosts(4, Duration.ofSeconds(2), Duration.ofMillis(800));
        opened.add(posts);
        return new HfClient(config, null, async, posts);
    }

    @Override
    protected <T> T call(Supplier<CompletableFuture<T>> call) {
        return CallerWaits.on(call).join();
    }

    @AfterEach
    void closePosts() {
        opened.forEach(BlockingPosts::close);
    }

    @Test
    void theAnswerIsReadOnTheCallersThreadWithTheSameRequest() {
        CompletableFuture<ChatOutcome> outcome = CallerWaits.on(() -> client.chatCompletion(CHAT));
        assertTrue(outcome.isDone(), "fetched before the call returned: no other thread was involved");
        ChatOutcome.Completed done = assertInstanceOf(ChatOutcome.Completed.class, outcome.join());
        assertEquals(7, done.usage().promptTokens());
        assertTrue(sim.seen().get(0).enterprise(), "the same headers as the asynchronous transport");
        CompletableFuture<ChatOutcome> unmarked = client.chatCompletion(CHAT);
        assertInstanceOf(ChatOutcome.Completed.class, unmarked.join(), "an unmarked thread still gets its answer, asynchronously");
        assertEquals(2, sim.calls());
    }

    @Test
    void aRetryRunsAfterItsBackoffOnAnotherThreadNotOnTheCaller() {
        sim.script("{\"faults\":[{\"kind\":\"status\",\"status\":503}]}");
        CompletableFuture<ChatOutcome> outcome = CallerWaits.on(() -> client.chatCompletion(CHAT));
        assertFalse(outcome.isDone(), "the first attempt failed on the caller's thread; the retry waits out its backoff elsewhere");
        ChatOutcome.Completed done = assertInstanceOf(ChatOutcome.Completed.class, outcome.join());
        assertEquals(2, done.attempts());
    }

    @Test
    void anUpstreamThatNeverAnswersIsATimeout() {
        assertEquals(HfFailure.Kind.TIMEOUT, failedOnce("hang").failure().kind());
    }

    @Test
    void aDroppedConnectionIsAFailedConnection() {
        assertEquals(HfFailure.Kind.UNREACHABLE, failedOnce("reset").failure().kind());
        HfClient once = newClient(HfClientConfig.defaults(URI.create(sim.baseUrl()), Optional.of("hf_test_key_123"), 0));
        assertInstanceOf(ChatOutcome.Completed.class, call(() -> once.chatCompletion(CHAT)), "the pool recovers");
    }

    /** One call without retries against an upstream scripted with {@code fault}. */
    private ChatOutcome.Failed failedOnce(String fault) {
        sim.script("{\"faults\":[{\"kind\":\"" + fault + "\"}]}");
        HfClient once = newClient(HfClientConfig.defaults(URI.create(sim.baseUrl()), Optional.of("hf_test_key_123"), 0));
        return assertInstanceOf(ChatOutcome.Failed.class, call(() -> once.chatCompletion(CHAT)));
    }

    @Test
    void anAnswerOverTheBoundIsCutOff() throws Exception {
        try (BlockingPosts posts = new BlockingPosts(1, Duration.ofSeconds(2), Duration.ofSeconds(2))) {
            URI chat = Endpoints.chatCompletions(URI.create(sim.baseUrl()));
            Map<String, String> headers = Map.of("Authorization", "Bearer hf_test_key_123", "Content-Type", "application/json");
            assertThrows(BoundedBody.TooLarge.class, () -> posts.post(chat, headers, CHAT, 16, List.of("content-type")));
            Answer whole = posts.post(chat, headers, CHAT, HfClient.MAX_ANSWER_BYTES, List.of("content-type"));
            assertEquals(200, whole.status());
            assertTrue(whole.header("Content-Type").orElseThrow().startsWith("application/json"));
            assertTrue(new String(whole.body(), StandardCharsets.UTF_8).contains("\"choices\""));
        }
    }
}
