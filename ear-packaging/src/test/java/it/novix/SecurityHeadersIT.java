package it.novix;

import io.novix.launcher.NovixStack;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Hardening class 8: every answer of the API carries the security headers, errors and streams included. */
class SecurityHeadersIT {

    private static final Map<String, String> EXPECTED = Map.of("X-Content-Type-Options", "nosniff", "X-Frame-Options", "DENY",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'", "Referrer-Policy", "no-referrer");

    @Test
    void everyKindOfAnswerCarriesTheHeaders() throws Exception {
        NovixStack stack = Stacks.shared();
        Api api = new Api(stack.baseUrl(), stack.adminToken());
        String token = api.token(api.tenant("hdr-" + UUID.randomUUID().toString().substring(0, 8), "ENTERPRISE")).getString("token");
        HttpClient http = HttpClient.newHttpClient();
        String chat = "{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        String stream = "{\"stream\":true,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        List<HttpRequest> requests = List.of(
                post(stack, "/v1/chat/completions", token, chat),
                post(stack, "/v1/chat/completions", token, stream),
                post(stack, "/v1/chat/completions", "nvx_bad_" + "x".repeat(40), chat),
                post(stack, "/v1/chat/completions", token, "{"),
                HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/admin/tenants")).header("Authorization", "Bearer " + stack.adminToken()).build(),
                HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/no/such/route")).build());
        for (HttpRequest r : requests) {
            HttpResponse<String> answer = http.send(r, HttpResponse.BodyHandlers.ofString());
            for (Map.Entry<String, String> h : EXPECTED.entrySet()) {
                assertEquals(h.getValue(), answer.headers().firstValue(h.getKey()).orElse(null),
                        h.getKey() + " on " + r.method() + " " + r.uri().getPath() + " → " + answer.statusCode());
            }
        }
    }

    private static HttpRequest post(NovixStack stack, String path, String token, String body) {
        return HttpRequest.newBuilder(URI.create(stack.baseUrl() + path)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString(body)).build();
    }
}
