package io.novix.core.inference.control;

import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** How a relayed stream ends, every way it can, and that the closing event waits for the audit. */
class StreamRelayTest {

    private static final String CHUNK = "{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"hi\"}}]}";
    private static final String USAGE = "{\"choices\":[],\"usage\":{\"prompt_tokens\":5,\"completion_tokens\":2,\"total_tokens\":7}}";

    private final List<StreamRelay.Result> settled = new ArrayList<>();
    private final AtomicBoolean cancelled = new AtomicBoolean();

    @Test
    void aCompletedStreamIsMeteredAndDoneComesAfterTheAudit() {
        List<String> order = new ArrayList<>();
        StreamRelay relay = relay(false, Duration.ofSeconds(5));
        relay.opened(() -> cancelled.set(true), result -> {
            order.add("audited");
            settled.add(result);
            return CompletableFuture.completedFuture(null);
        });
        relay.onEvent(CHUNK);
        relay.onEvent(USAGE);
        relay.onEvent("[DONE]");
        String written = write(relay, order);
        StreamRelay.Result result = settled.get(0);
        assertTrue(result.completed());
        assertEquals(5, result.usage().promptTokens());
        assertEquals(2, result.usage().completionTokens());
        assertFalse(written.contains("total_tokens"), "a usage chunk the client did not ask for is not relayed");
        assertTrue(written.endsWith("data: [DONE]\n\n"));
        assertEquals(List.of("audited", "wrote [DONE]"), order);
        assertFalse(cancelled.get());
    }

    @Test
    void aCutChatStreamIsChargedItsPromptAndTheTokensItDelivered() {
        StreamRelay cut = opened(Duration.ofSeconds(5)); // the relay is built with a 12-token prompt estimate
        cut.onEvent(CHUNK); // one token
        cut.onEvent("{\"choices\":[{\"index\":0,\"delta\":{\"content\":\"" + "x".repeat(40) + "\"}}]}"); // ~10 tokens in one chunk
        cut.onEnd();
        write(cut, null);
        StreamRelay.Result result = settled.get(0);
        assertEquals("interrupted", result.outcome());
        assertEquals(12, result.usage().promptTokens(), "the prompt is charged even though no usage chunk came");
        assertEquals(11, result.usage().completionTokens(), "42 delivered characters, not 2 chunks");
    }

    @Test
    void anUpstreamErrorEventEndsTheStreamWithoutDone() {
        StreamRelay relay = opened(Duration.ofSeconds(5));
        relay.onEvent(CHUNK);
        relay.onEvent("{\"error\":\"CUDA out of memory\",\"error_type\":\"generation\"}");
        String written = write(relay, null);
        assertEquals("upstream_error", settled.get(0).outcome());
        assertEquals("upstream_stream_error", settled.get(0).errorCode());
        assertTrue(written.contains("\"code\":\"upstream_stream_error\""));
        assertFalse(written.contains("[DONE]"));
    }

    @Test
    void aCutStreamAndASilentUpstreamAreFailuresAndCancelTheUpstream() {
        StreamRelay cut = opened(Duration.ofSeconds(5));
        cut.onEvent(CHUNK);
        cut.onEnd();
        write(cut, null);
        assertEquals("interrupted", settled.get(0).outcome());
        assertTrue(cancelled.get());

        cancelled.set(false);
        StreamRelay silent = opened(Duration.ofMillis(30)); // the relay's own chunk timeout is what is tested
        silent.onEvent(CHUNK);
        String written = write(silent, null);
        assertEquals("upstream_timeout", settled.get(1).outcome());
        assertTrue(written.contains("\"code\":\"upstream_timeout\""));
        assertTrue(cancelled.get());
    }

    @Test
    void aClientThatHangsUpIsCancelledWithTheUsageSoFar() {
        StreamRelay relay = opened(Duration.ofSeconds(5));
        relay.onEvent(CHUNK);
        relay.onEvent(CHUNK);
        OutputStream gone = new OutputStream() {
            @Override
            public void write(int b) throws IOException {
                throw new IOException("broken pipe");
            }
        };
        try {
            relay.writeTo(gone);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        StreamRelay.Result result = settled.get(0);
        assertTrue(result.clientGone());
        assertEquals("client_disconnected", result.outcome());
        assertTrue(cancelled.get());
    }

    @Test
    void aFailedAuditWithholdsTheEnd() {
        StreamRelay relay = relay(false, Duration.ofSeconds(5));
        relay.opened(() -> cancelled.set(true), result -> CompletableFuture.failedFuture(new IllegalStateException("db down")));
        relay.onEvent(CHUNK);
        relay.onEvent("[DONE]");
        String written = write(relay, null);
        assertTrue(written.contains("\"code\":\"audit_unavailable\""));
        assertFalse(written.contains("[DONE]"), "an unconfirmed stream is never completed");
    }

    private StreamRelay opened(Duration chunkTimeout) {
        StreamRelay relay = relay(false, chunkTimeout);
        relay.opened(() -> cancelled.set(true), result -> {
            settled.add(result);
            return CompletableFuture.completedFuture(null);
        });
        return relay;
    }

    private static StreamRelay relay(boolean wantsUsage, Duration chunkTimeout) {
        return new StreamRelay(StreamRelay.Dialect.OPENAI_CHAT, wantsUsage, 12, chunkTimeout, System.nanoTime(), "req-1");
    }

    private static String write(StreamRelay relay, List<String> order) {
        ByteArrayOutputStream out = new ByteArrayOutputStream() {
            @Override
            public synchronized void write(byte[] b, int off, int len) {
                super.write(b, off, len);
                if (order != null && new String(b, off, len, StandardCharsets.UTF_8).contains("[DONE]")) {
                    order.add("wrote [DONE]");
                }
            }
        };
        try {
            relay.writeTo(out);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
        return out.toString(StandardCharsets.UTF_8);
    }
}
