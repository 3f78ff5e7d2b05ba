package it.novix;

import io.novix.launcher.NovixStack;
import io.novix.sim.HfSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Each scripted upstream fault through Novix: how many upstream calls it took, how long, what the
 * client saw, and the audit row. Every test uses its own endpoint (own breaker, no router fallback)
 * so one test's failures cannot open a breaker another test relies on.
 */
class FaultsIT {

    private static NovixStack stack;
    private static Api api;
    private static HfSimulator sim;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
        sim = HfSimulator.start(0, Optional.of(Stacks.HF_KEY), 0);
        token = api.token(api.tenant("x-" + UUID.randomUUID().toString().substring(0, 8), "ENTERPRISE")).getString("token");
    }

    @AfterAll
    static void stop() {
        sim.close();
    }

    /** A model served only by its own endpoint on the fault simulator. */
    private static String isolatedModel() throws Exception {
        String id = UUID.randomUUID().toString().substring(0, 8);
        String model = "acme/faulty-" + id;
        api.isolatedEndpoint(model, "DEDICATED", sim.baseUrl() + "/endpoints/" + id, true); // the fault must reach the client
        return model;
    }

    /** What one faulted call did. */
    private record Result(Api.Answer answer, long calls, long elapsedMs, Map<String, Object> row) {
    }

    private static Result call(String faults) throws Exception {
        String model = isolatedModel();
        sim.script("{\"faults\":" + faults + "}");
        long before = sim.calls();
        long started = System.nanoTime();
        Api.Answer a = api.chat(token, "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        long elapsed = (System.nanoTime() - started) / 1_000_000;
        return new Result(a, sim.calls() - before, elapsed, Db.audit(stack, a.requestId()).get(0));
    }

    private static int attempts(Result r) {
        return ((Number) r.row().get("upstream_attempts")).intValue();
    }

    @Test
    void modelLoadingIsWaitedOutForItsEstimatedTime() throws Exception {
        Result r = call("[{\"kind\":\"loading\",\"estimatedTime\":0.4}]");
        assertEquals(200, r.answer().status());
        assertEquals(2, r.calls());
        assertTrue(r.elapsedMs() >= 400, "waited estimated_time, took " + r.elapsedMs());
        assertEquals(2, attempts(r));
        assertEquals("SUCCESS", r.row().get("outcome"));
    }

    @Test
    void rateLimitWithoutRetryAfterIsRetriedOnNovixsOwnBackoff() throws Exception {
        Result r = call("[{\"kind\":\"rate_limit\"}]");
        assertEquals(200, r.answer().status());
        assertEquals(2, r.calls());
        assertTrue(r.elapsedMs() < 2000, "backoff base 20 ms, took " + r.elapsedMs());
    }

    @Test
    void rateLimitWithRetryAfterIsHonouredThenReportedWithTheHeader() throws Exception {
        Result r = call("[{\"kind\":\"rate_limit\",\"retryAfter\":1},{\"kind\":\"rate_limit\",\"retryAfter\":1},"
                + "{\"kind\":\"rate_limit\",\"retryAfter\":1}]");
        assertEquals(429, r.answer().status());
        assertEquals("upstream_rate_limited", r.answer().errorCode());
        assertEquals("1", r.answer().raw().headers().firstValue("Retry-After").orElseThrow());
        assertEquals(3, r.calls(), "one call plus HF_MAX_RETRIES=2");
        assertTrue(r.elapsedMs() >= 2000, "two waits of Retry-After: 1 s, took " + r.elapsedMs());
        assertEquals(3, attempts(r));
        assertEquals("FAILED", r.row().get("outcome"));
    }

    @Test
    void serverErrorsAreRetriedThenAnswered502() throws Exception {
        Result r = call("[{\"kind\":\"status\",\"status\":500},{\"kind\":\"status\",\"status\":502},{\"kind\":\"status\",\"status\":504}]");
        assertEquals(502, r.answer().status());
        assertEquals("upstream_error", r.answer().errorCode());
        assertEquals(3, r.calls());
        assertEquals("upstream_error", r.row().get("error_code"));
    }

    @Test
    void aGenerationErrorIsNotRetried() throws Exception {
        Result r = call("[{\"kind\":\"status\",\"status\":424,\"errorType\":\"generation\"}]");
        assertEquals(502, r.answer().status());
        assertEquals("upstream_generation_failed", r.answer().errorCode());
        assertEquals(1, r.calls());
    }

    @Test
    void aDroppedConnectionIsRetried() throws Exception {
        Result r = call("[{\"kind\":\"reset\"}]");
        assertEquals(200, r.answer().status(), r.answer().body());
        assertEquals(2, r.calls());
        assertEquals(2, attempts(r));
    }

    @Test
    void aSilentUpstreamEndsInA504AfterTheReadTimeout() throws Exception {
        Result r = call("[{\"kind\":\"hang\"}]");
        assertEquals(504, r.answer().status());
        assertEquals("upstream_timeout", r.answer().errorCode());
        assertEquals(1, r.calls(), "a timed-out generation is not sent again");
        assertTrue(r.elapsedMs() >= 2000 && r.elapsedMs() < 6000, "read timeout 2 s, took " + r.elapsedMs());
        assertEquals(504, ((Number) r.row().get("http_status")).intValue());
    }

    @Test
    void malformedJsonIsNotRetriedAndIsA502() throws Exception {
        Result r = call("[{\"kind\":\"malformed\"}]");
        assertEquals(502, r.answer().status());
        assertEquals("upstream_malformed_response", r.answer().errorCode());
        assertEquals(1, r.calls());
    }

    @Test
    void aScaledToZeroEndpointIsAskedToHoldTheCallWhileItWakes() throws Exception {
        Result r = call("[{\"kind\":\"cold_start\",\"delayMs\":1500}]");
        assertEquals(200, r.answer().status(), r.answer().body());
        assertEquals(1, r.calls(), "X-Scale-Up-Timeout made the endpoint wait instead of answering 503");
        assertTrue(r.elapsedMs() >= 1500, "waited for the wake-up, took " + r.elapsedMs());
        assertEquals("SUCCESS", r.row().get("outcome"));
    }

    @Test
    void latencyIsPassedOnNotAddedTo() throws Exception {
        Result r = call("[{\"kind\":\"delay\",\"delayMs\":500}]");
        assertEquals(200, r.answer().status());
        assertEquals(1, r.calls());
        assertTrue(r.elapsedMs() >= 500 && r.elapsedMs() < 1500, "took " + r.elapsedMs());
        assertTrue(((Number) r.row().get("latency_ms")).intValue() >= 500);
    }
}
