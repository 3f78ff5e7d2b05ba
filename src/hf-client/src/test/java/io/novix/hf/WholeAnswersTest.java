package io.novix.hf;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionException;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The whole-answer transport against a real HTTP server: bounded bodies, kept headers, statuses as they came. */
class WholeAnswersTest {

    static HttpServer server;
    static WholeAnswers posts;
    static URI base;

    @BeforeAll
    static void start() throws Exception {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/echo", x -> {
            byte[] in = x.getRequestBody().readAllBytes();
            String seen = x.getRequestHeaders().getFirst("Authorization") + "|" + x.getRequestHeaders().getFirst("Content-Type");
            x.getResponseHeaders().add("X-Compute-Tokens", "7");
            x.getResponseHeaders().add("X-Other", "not kept");
            x.getResponseHeaders().add("Content-Type", "application/json");
            byte[] out = (seen + "|" + new String(in, StandardCharsets.UTF_8)).getBytes(StandardCharsets.UTF_8);
            x.sendResponseHeaders(503, out.length);
            x.getResponseBody().write(out);
            x.close();
        });
        server.createContext("/big", x -> {
            byte[] out = new byte[200_000];
            x.sendResponseHeaders(200, out.length);
            x.getResponseBody().write(out);
            x.close();
        });
        server.start();
        base = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        posts = WholeAnswers.standalone(Duration.ofSeconds(2));
    }

    @AfterAll
    static void stop() {
        posts.close();
        server.stop(0);
    }

    @Test
    void anAnswerComesWholeWithItsStatusAndOnlyTheHeadersAskedFor() {
        WholeAnswers.Answer a = posts.post(base.resolve("/echo"), "application/json", "{\"a\":1}".getBytes(StandardCharsets.UTF_8),
                Map.of("Authorization", "Bearer k"), Duration.ofSeconds(5), 1_000, List.of("x-compute-tokens", "Content-Type")).join();
        assertEquals(503, a.status());
        assertArrayEquals("Bearer k|application/json|{\"a\":1}".getBytes(StandardCharsets.UTF_8), a.body());
        assertEquals("7", a.header("x-compute-tokens").orElseThrow());
        assertFalse(a.header("X-Other").isPresent());
    }

    @Test
    void anAnswerPastTheBoundFailsInsteadOfBeingBuffered() {
        CompletionException e = assertThrows(CompletionException.class, () -> posts.post(base.resolve("/big"), "application/json",
                new byte[0], Map.of(), Duration.ofSeconds(5), 50_000, List.of()).join());
        assertInstanceOf(BoundedBody.TooLarge.class, e.getCause());
        // the same transport still answers afterwards: the cut connection was dropped, not reused
        assertEquals(200, posts.post(base.resolve("/big"), "application/json", new byte[0], Map.of(), Duration.ofSeconds(5),
                300_000, List.of()).join().status());
    }
}
