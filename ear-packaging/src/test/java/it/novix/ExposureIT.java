package it.novix;

import io.novix.launcher.NovixStack;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hardening class 8, exposure: /metrics needs the Reader role over HTTPS, public health names no
 * internal address, documents take their URLs from configuration and never from the Host header, and
 * no header a caller sends (X-Forwarded-For, Forwarded, Liberty's private $WS* headers) changes the
 * client address Novix throttles and audits by.
 */
class ExposureIT {

    private static final String EVIL = "evil.attacker.example";

    @Test
    void metricsNeedTheReaderRoleOverHttps() throws Exception {
        NovixStack stack = Stacks.shared();
        assertEquals(200, Management.metrics(stack, "application").status(), "novix-metrics reads them");
        assertEquals(401, Management.get(stack.httpsBaseUrl() + "/metrics", null, null).status(), "anonymous");
        assertEquals(401, Management.get(stack.httpsBaseUrl() + "/metrics", "novix-metrics", "guess").status(), "wrong password");
        Api.Answer plain = Management.get(stack.baseUrl() + "/metrics?scope=application", null, null);
        assertNotEquals(200, plain.status(), "never on plain HTTP");
        assertFalse(plain.body().contains("novix_requests_total"), plain.body());
    }

    @Test
    void publicHealthNamesNoInternalAddress() throws Exception {
        NovixStack stack = Stacks.shared();
        Api.Answer ready = new Api(stack.baseUrl(), null).send("GET", "/health/ready", null, null);
        assertEquals(200, ready.status(), ready.body());
        URI upstream = URI.create(stack.upstreamUrl());
        for (String secret : List.of(stack.upstreamUrl(), upstream.getHost() + ":" + upstream.getPort(), "jdbc:", "postgresql")) {
            assertFalse(ready.body().contains(secret), secret + " in " + ready.body());
        }
    }

    @Test
    void documentsNeverEchoTheHostHeader() throws Exception {
        NovixStack stack = Stacks.shared();
        for (String path : List.of("/.well-known/openid-configuration", "/openapi?format=JSON")) {
            String answer = raw(stack, "GET " + path + " HTTP/1.1\r\nHost: " + EVIL + "\r\nConnection: close\r\n\r\n");
            assertTrue(answer.startsWith("HTTP/1.1 200"), path + ": " + answer.lines().findFirst().orElse(""));
            assertFalse(answer.contains(EVIL), path + " reflects the Host header");
            assertTrue(answer.contains(stack.baseUrl()), path + " names the configured public URL");
        }
    }

    @Test
    void forwardingAndPrivateHeadersFromAnUntrustedPeerChangeNothing() throws Exception {
        NovixStack stack = Stacks.shared();
        String requestId = "spoof-" + UUID.randomUUID();
        String body = Api.chatBody("x");
        String answer = raw(stack, "POST /v1/chat/completions HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n"
                + "Authorization: Bearer nvx_spoofed_" + "s".repeat(40) + "\r\nContent-Type: application/json\r\n"
                + "X-Request-Id: " + requestId + "\r\nX-Forwarded-For: 203.0.113.7\r\nForwarded: for=203.0.113.8;proto=https\r\n"
                + "X-Forwarded-Proto: https\r\n$WSRA: 203.0.113.9\r\n$WSRH: 203.0.113.9\r\n$WSIS: true\r\n$WSSC: https\r\n"
                + "Content-Length: " + body.getBytes(StandardCharsets.UTF_8).length + "\r\n\r\n" + body);
        assertTrue(answer.startsWith("HTTP/1.1 401"), answer);
        List<Map<String, Object>> rows = Db.auditByClientId(stack, requestId);
        assertEquals(1, rows.size());
        assertEquals("127.0.0.1", rows.get(0).get("client_address"), "the TCP peer, not a header");
    }

    /** One request as written, over a plain socket: HTTP clients do not let a caller set Host. */
    static String raw(NovixStack stack, String request) throws Exception {
        URI base = URI.create(stack.baseUrl());
        try (Socket socket = new Socket(base.getHost(), base.getPort())) {
            socket.setSoTimeout(30_000);
            OutputStream out = socket.getOutputStream();
            out.write(request.getBytes(StandardCharsets.UTF_8));
            out.flush();
            InputStream in = socket.getInputStream();
            ByteArrayOutputStream all = new ByteArrayOutputStream();
            in.transferTo(all);
            return all.toString(StandardCharsets.UTF_8);
        }
    }
}
