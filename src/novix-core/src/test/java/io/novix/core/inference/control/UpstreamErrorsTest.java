package io.novix.core.inference.control;

import io.novix.core.kernel.Reply;
import io.novix.hf.ErrorBodies;
import io.novix.hf.HfFailure;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class UpstreamErrorsTest {

    private static Reply map(int status, String body) {
        HfFailure f = ErrorBodies.classify(status, body.getBytes(StandardCharsets.UTF_8), Optional.empty());
        return UpstreamErrors.reply(f, "m/x", "req-1");
    }

    @Test
    void documentedTableHolds() {
        assertEquals(503, map(503, "{\"error\":\"Model m/x is currently loading\",\"estimated_time\":20.0}").status());
        assertEquals("model_loading", map(503, "{\"error\":\"Model m/x is currently loading\",\"estimated_time\":20.0}").errorCode());
        assertEquals("20", map(503, "{\"error\":\"loading\",\"estimated_time\":19.2}").headers().get("Retry-After"));
        assertEquals("upstream_rate_limited", map(429, "{\"error\":\"Rate limit reached\"}").errorCode());
        assertEquals(422, map(422, "{\"error\":\"Input validation error\",\"error_type\":\"validation\"}").status());
        assertEquals(502, map(424, "{\"error\":\"Request failed during generation\",\"error_type\":\"generation\"}").status());
        assertEquals("model_not_found", map(404, "{\"error\":\"Model not found\"}").errorCode());
        assertEquals(502, map(401, "{\"error\":\"Invalid credentials\"}").status(), "our key, not the caller's fault");
        assertEquals("upstream_error", map(500, "not json at all").errorCode());
        assertEquals("upstream_unavailable", map(503, "{\"error\":\"Service Unavailable\"}").errorCode());
        assertEquals(400, map(400, "{\"error\":{\"message\":\"bad\",\"type\":\"invalid_request_error\"}}").status());
    }

    @Test
    void errorBodiesUseTheOpenAiShapeWithTheRequestId() {
        String body = new String(map(429, "{\"error\":\"x\"}").body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("\"code\":\"upstream_rate_limited\""));
        assertTrue(body.contains("\"type\":\"rate_limit_error\""));
        assertTrue(body.contains("\"request_id\":\"req-1\""));
    }

    @Test
    void noInternalAddressOrControlCharacterReachesTheCaller() {
        String body = new String(map(400, "{\"error\":\"Input rejected by http://10.2.3.4:8080/generate (see "
                + "https://internal.bank.example/tgi?debug=1) at 10.2.3.4:8080\\nforged\"}").body(), StandardCharsets.UTF_8);
        assertTrue(body.contains("Input rejected by"), body);
        assertTrue(!body.contains("10.2.3.4") && !body.contains("internal.bank.example") && !body.contains("http"), body);
        assertTrue(!body.contains("\\n"), body);
        String longOne = new String(map(422, "{\"error\":\"" + "x".repeat(5000) + "\"}").body(), StandardCharsets.UTF_8);
        assertTrue(longOne.length() < 1000, "the upstream's text is bounded");
    }
}
