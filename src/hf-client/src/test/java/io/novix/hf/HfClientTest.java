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

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The real client over real HTTP against the simulator: retries, waits and classification. */
class HfClientTest {

    private static final byte[] CHAT = ("{\"model\":\"org/m\",\"max_tokens\":3,"
            + "\"messages\":[{\"role\":\"user\",\"content\":\"hello there friend\"}]}").getBytes(StandardCharsets.UTF_8);

    private HfSimulator sim;
    private HfClient client;

    @BeforeEach
    void start() throws IOException {
        sim = HfSimulator.start(0, Optional.of("hf_test_key_123"), 0);
        client = new HfClient(HfClientConfig.defaults(URI.create(sim.baseUrl()), Optional.of("hf_test_key_123"), 3)
                .withBackoff(Duration.ofMillis(20), Duration.ofMillis(200)), null);
    }

    @AfterEach
    void stop() {
        sim.close();
    }

    private void script(String faults) {
        sim.script("{\"faults\":" + faults + "}");
    }

    @Test
    void completionComesBackWithUsageAndTruncation() {
        ChatOutcome.Completed done = assertInstanceOf(ChatOutcome.Completed.class, client.chatCompletion(CHAT).join());
        assertEquals(3, done.usage().completionTokens(), "max_tokens caps the answer");
        assertEquals(7, done.usage().promptTokens());
        assertTrue(new String(done.body(), StandardCharsets.UTF_8).contains("\"finish_reason\":\"length\""));
        assertEquals(1, done.attempts());
    }

    @Test
    void legacyCompletionsGoToV1CompletionsWithOneChoicePerPrompt() {
        byte[] body = "{\"model\":\"org/m\",\"prompt\":[\"Once upon\",\"a time\"],\"max_tokens\":4}".getBytes(StandardCharsets.UTF_8);
        ChatOutcome.Completed done = assertInstanceOf(ChatOutcome.Completed.class, client.completion(body).join());
        String json = new String(done.body(), StandardCharsets.UTF_8);
        assertTrue(json.contains("\"object\":\"text_completion\"") && json.contains("\"index\":1"), json);
        assertEquals(8, done.usage().completionTokens(), "two prompts, four tokens each");
        assertEquals("/v1/completions", sim.seen().get(0).path());
        assertEquals(URI.create("http://h/v1/completions"), Endpoints.completions(URI.create("http://h/v1/")));
        assertEquals(URI.create("http://h/x/v1/completions"), Endpoints.completions(URI.create("http://h/x")));
    }

    @Test
    void everyUpstreamCallIsMarkedEnterprise() {
        client.chatCompletion(CHAT).join();
        client.completion("{\"model\":\"org/m\",\"prompt\":\"x\"}".getBytes(StandardCharsets.UTF_8)).join();
        assertEquals(2, sim.seen().size());
        assertTrue(sim.seen().stream().allMatch(HfSimulator.Seen::enterprise), "X-Enterprise: true on every call");
    }

    @Test
    void modelLoadingIsWaitedOutThenAnswered() throws Exception {
        script("[{\"kind\":\"loading\",\"estimatedTime\":0.05},{\"kind\":\"rate_limit\",\"retryAfter\":0}]");
        ChatOutcome.Completed done = assertInstanceOf(ChatOutcome.Completed.class, client.chatCompletion(CHAT).join());
        assertEquals(3, done.attempts());
        assertEquals(3, sim.calls());
    }

    @Test
    void validationErrorsAreNeverRetried() throws Exception {
        script("[{\"kind\":\"status\",\"status\":422,\"errorType\":\"validation\"}]");
        ChatOutcome.Failed failed = assertInstanceOf(ChatOutcome.Failed.class, client.chatCompletion(CHAT).join());
        assertEquals(HfFailure.Kind.VALIDATION, failed.failure().kind());
        assertEquals(1, sim.calls());
    }

    @Test
    void serverErrorsAreRetriedUpToTheLimit() throws Exception {
        script("[{\"kind\":\"status\",\"status\":502},{\"kind\":\"status\",\"status\":500},"
                + "{\"kind\":\"status\",\"status\":503},{\"kind\":\"status\",\"status\":504},{\"kind\":\"status\",\"status\":500}]");
        ChatOutcome.Failed failed = assertInstanceOf(ChatOutcome.Failed.class, client.chatCompletion(CHAT).join());
        assertEquals(4, failed.attempts(), "one call plus HF_MAX_RETRIES=3");
        assertEquals(4, sim.calls());
        assertEquals(HfFailure.Kind.SERVER_ERROR, failed.failure().kind());
    }

    @Test
    void malformedBodiesAndWrongKeysAreClassified() throws Exception {
        script("[{\"kind\":\"malformed\"}]");
        ChatOutcome.Failed malformed = assertInstanceOf(ChatOutcome.Failed.class, client.chatCompletion(CHAT).join());
        assertEquals(HfFailure.Kind.MALFORMED_RESPONSE, malformed.failure().kind());

        HfClient wrongKey = new HfClient(HfClientConfig.defaults(URI.create(sim.baseUrl()), Optional.of("hf_wrong_key_1"), 3), null);
        ChatOutcome.Failed auth = assertInstanceOf(ChatOutcome.Failed.class, wrongKey.chatCompletion(CHAT).join());
        assertEquals(HfFailure.Kind.AUTH, auth.failure().kind());
        assertEquals(1, auth.attempts());
    }

    @Test
    void unreachableUpstreamIsRetriedThenReported() {
        sim.close();
        ChatOutcome.Failed failed = assertInstanceOf(ChatOutcome.Failed.class, client.chatCompletion(CHAT).join());
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
