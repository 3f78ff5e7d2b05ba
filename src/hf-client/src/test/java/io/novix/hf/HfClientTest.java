package io.novix.hf;

import io.novix.sim.HfSimulator;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real client over real HTTP against the simulator: retries, waits and classification. */
class HfClientTest {

    static final byte[] CHAT = ("{\"model\":\"org/m\",\"max_tokens\":3,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hello there friend\"}]}").getBytes(StandardCharsets.UTF_8);

    protected HfSimulator sim;
    protected HfClient client;
    protected AsyncPosts async;

    @BeforeEach
    void start() throws IOException {
        sim = HfSimulator.start(0, Optional.of("hf_test_key_123"), 0);
        async = new AsyncPosts(16, Duration.ofMillis(3050), Duration.ofSeconds(30), null);
        client = newClient(HfClientConfig.defaults(URI.create(sim.baseUrl()), Optional.of("hf_test_key_123"), 3)
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)));
    }

    /** The client under test: asynchronous here; {@link HfClientOnCallerThreadTest} gives it the blocking transport. */
    protected HfClient newClient(HfClientConfig config) {
        return new HfClient(config, null, async);
    }

    /** One call as a caller makes it, waited for. */
    protected <T> T call(Supplier<CompletableFuture<T>> call) {
        return call.get().join();
    }

    @AfterEach
    void stop() {
        async.close();
        sim.close();
    }

    private void script(String faults) {
        sim.script("{\"faults\":" + faults + "}");
    }

    @Test
    void completionComesBackWithUsageAndTruncation() {
        ChatOutcome.Completed done = assertInstanceOf(ChatOutcome.Completed.class, call(() -> client.chatCompletion(CHAT)));
        assertEquals(3, done.usage().completionTokens(), "max_tokens caps the answer");
        assertEquals(7, done.usage().promptTokens());
        assertTrue(new String(done.body(), StandardCharsets.UTF_8).contains("\"finish_reason\":\"length\""));
        assertEquals(1, done.attempts());
    }

    @Test
    void legacyCompletionsGoToV1CompletionsWithOneChoicePerPrompt() {
        byte[] body = "{\"model\":\"org/m\",\"prompt\":[\"Once upon\",\"a time\"],\"max_tokens\":4}".getBytes(StandardCharsets.UTF_8);
        ChatOutcome.Completed done = assertInstanceOf(ChatOutcome.Completed.class, call(() -> client.completion(body)));
        String json = new String(done.body(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"object\":\"text_completion\"") && json.contains("\"index\":1"), json);
        assertEquals(8, done.usage().completionTokens(), "two prompts, four tokens each");
        assertEquals("/v1/completions", sim.seen().get(0).path());
        assertEquals(URI.create("http://h/v1/completions"), Endpoints.completions(URI.create("http://h/v1/")));
        assertEquals(URI.create("http://h/x/v1/completions"), Endpoints.completions(URI.create("http://h/x")));
    }

    @Test
    void everyUpstreamCallIsMarkedEnterprise() {
        call(() -> client.chatCompletion(CHAT));
        call(() -> client.completion("{\"model\":\"org/m\",\"prompt\":\"x\"}".getBytes(StandardCharsets.UTF_8)));
        assertEquals(2, sim.seen().size());
        assertTrue(sim.seen().stream().allMatch(HfSimulator.Seen::enterprise), "X-Enterprise: true on every call");
    }

    @Test
    void modelLoadingIsWaitedOutThenAnswered() throws Exception {
        script("[{\"kind\":\"loading\",\"estimatedTime\":0.05},{\"kind\":\"rate_limit\",\"retryAfter\":0}]");
        ChatOutcome.Completed done = assertInstanceOf(ChatOutcome.Completed.class, call(() -> client.chatCompletion(CHAT)));
        assertEquals(3, done.attempts());
        assertEquals(3, sim.calls());
    }

    @Test
    void validationErrorsAreNeverRetried() throws Exception {
        script("[{\"kind\":\"status\",\"status\":422,\"errorType\":\"validation\"}]");
        ChatOutcome.Failed failed = assertInstanceOf(ChatOutcome.Failed.class, call(() -> client.chatCompletion(CHAT)));
        assertEquals(HfFailure.Kind.VALIDATION, failed.failure().kind());
        assertEquals(1, sim.calls());
    }

    @Test
    void serverErrorsAreRetriedUpToTheLimit() throws Exception {
        script("[{\"kind\":\"status\",\"status\":502},{\"kind\":\"status\",\"status\":500},"
                + "{\"kind\":\"status\",\"status\":503},{\"kind\":\"status\",\"status\":504},{\"kind\":\"status\",\"status\":500}]");
        ChatOutcome.Failed failed = assertInstanceOf(ChatOutcome.Failed.class, call(() -> client.chatCompletion(CHAT)));
        assertEquals(4, failed.attempts(), "one call plus HF_MAX_RETRIES=3");
        assertEquals(4, sim.calls());
        assertEquals(HfFailure.Kind.SERVER_ERROR, failed.failure().kind());
    }

    @Test
    void malformedBodiesAndWrongKeysAreClassified() throws Exception {
        script("[{\"kind\":\"malformed\"}]");
        ChatOutcome.Failed malformed = assertInstanceOf(ChatOutcome.Failed.class, call(() -> client.chatCompletion(CHAT)));
        assertEquals(HfFailure.Kind.MALFORMED_RESPONSE, malformed.failure().kind());

        HfClient wrongKey = newClient(HfClientConfig.defaults(URI.create(sim.baseUrl()), Optional.of("hf_wrong_key_1"), 3));
        ChatOutcome.Failed auth = assertInstanceOf(ChatOutcome.Failed.class, call(() -> wrongKey.chatCompletion(CHAT)));
        assertEquals(HfFailure.Kind.AUTH, auth.failure().kind());
        assertEquals(1, auth.attempts());
    }

    @Test
    void unreachableUpstreamIsRetriedThenReported() {
        sim.close();
        ChatOutcome.Failed failed = assertInstanceOf(ChatOutcome.Failed.class, call(() -> client.chatCompletion(CHAT)));
        assertEquals(HfFailure.Kind.UNREACHABLE, failed.failure().kind());
        assertEquals(4, failed.attempts());
    }

    @Test
    void chatUrlFollowsTheHuggingFaceClientRules() {
        assertEquals("http://h/v1/chat/completions", Endpoints.chatCompletions(URI.create("http://h")).toString());
        assertEquals("http://h/v1/chat/completions", Endpoints.chatCompletions(URI.create("http://h/v1/")).toString());
        assertEquals("http://h/x/chat/completions", Endpoints.chatCompletions(URI.create("http://h/x/chat/completions")).toString());
    }
}
