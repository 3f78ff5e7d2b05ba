package it.novix;

import io.novix.launcher.NovixStack;
import io.novix.sim.HfSimulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hardening class 4, limits before work: bodies bounded per route before they are read (declared
 * or chunked), and a large upload from a caller without a valid credential refused — and audited —
 * without Novix waiting for, or reading, its body.
 */
class LimitsIT {

    private static NovixStack stack;
    private static Api api;
    private static HfSimulator sim;
    private static String token;
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
        sim = stack.simulator().orElseThrow();
        token = api.token(api.tenant("lim-" + UUID.randomUUID().toString().substring(0, 8), "ENTERPRISE"),
                "inference:chat", "inference:audio").getString("token");
    }

    @Test
    void aJsonBodyOverOneMebibyteIsRefusedDeclaredOrChunked() throws Exception {
        long before = sim.calls();
        byte[] big = ("{\"messages\":[{\"role\":\"user\",\"content\":\"" + "x".repeat(1_200_000) + "\"}]}")
                .getBytes(StandardCharsets.UTF_8);
        HttpResponse<String> declared = HTTP.send(post("/v1/chat/completions", "application/json",
                HttpRequest.BodyPublishers.ofByteArray(big)), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, declared.statusCode(), declared.body());
        assertTrue(declared.body().contains("\"code\":\"payload_too_large\""), declared.body());
        HttpResponse<String> chunked = HTTP.send(post("/v1/chat/completions", "application/json",
                HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(big))), HttpResponse.BodyHandlers.ofString());
        assertEquals(413, chunked.statusCode(), chunked.body());
        assertTrue(chunked.body().contains("\"code\":\"payload_too_large\""), chunked.body());
        assertEquals(before, sim.calls(), "nothing went upstream");
        HttpResponse<String> fine = HTTP.send(post("/v1/chat/completions", "application/json", HttpRequest.BodyPublishers.ofString(
                "{\"messages\":[{\"role\":\"user\",\"content\":\"" + "y".repeat(900_000) + "\"}]}")), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, fine.statusCode(), "just under the bound is served");
    }

    @Test
    void anUploadOverTheAudioBoundIsRefusedBeforeItIsSent() throws Exception {
        try (Socket s = socket()) {
            send(s, "POST /v1/audio/transcriptions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer " + token
                    + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: " + (40L << 20) + "\r\n\r\n");
            String answer = read(s.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 413"), answer);
            assertTrue(answer.contains("payload_too_large"), answer);
        }
    }

    @Test
    void aLargeUploadWithABadCredentialIsRefusedWithoutReadingIt() throws Exception {
        String requestId = "lim-" + UUID.randomUUID();
        try (Socket s = socket()) {
            // 20 MiB announced, 64 KiB sent: an answer can only come if Novix decided before reading the body
            send(s, "POST /v1/audio/transcriptions HTTP/1.1\r\nHost: x\r\nAuthorization: Bearer nvx_bogus_" + "z".repeat(40)
                    + "\r\nX-Request-Id: " + requestId + "\r\nContent-Type: multipart/form-data; boundary=b\r\nContent-Length: "
                    + (20L << 20) + "\r\n\r\n");
            s.getOutputStream().write(new byte[64 * 1024]);
            s.getOutputStream().flush();
            String answer = read(s.getInputStream());
            assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
            assertTrue(answer.contains("\"code\":\"invalid_token\""), answer);
        }
        List<Map<String, Object>> rows = Db.auditByClientId(stack, requestId);
        assertEquals(1, rows.size(), "the refusal is audited");
        assertEquals("DENIED", rows.get(0).get("outcome"));
        assertEquals("inference.audio", rows.get(0).get("action"));
    }

    private static HttpRequest post(String path, String type, HttpRequest.BodyPublisher body) {
        return HttpRequest.newBuilder(URI.create(stack.baseUrl() + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", type).POST(body).build();
    }

    private static Socket socket() throws Exception {
        URI base = URI.create(stack.baseUrl());
        Socket s = new Socket(base.getHost(), base.getPort());
        s.setSoTimeout(30_000); // a hang (Novix waiting for the body) fails the test instead of blocking it
        return s;
    }

    private static void send(Socket s, String head) throws Exception {
        OutputStream out = s.getOutputStream();
        out.write(head.getBytes(StandardCharsets.ISO_8859_1));
        out.flush();
    }

    /** The status line, headers and as much of the body as arrives before the server closes or 4 KiB. */
    private static String read(InputStream in) throws Exception {
        byte[] buffer = new byte[4096];
        StringBuilder answer = new StringBuilder();
        int n;
        while (answer.indexOf("}}") < 0 && (n = in.read(buffer)) > 0) {
            answer.append(new String(buffer, 0, n, StandardCharsets.ISO_8859_1));
        }
        return answer.toString();
    }
}
