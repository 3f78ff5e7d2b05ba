package it.novix;

import io.novix.launcher.NovixStack;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, response cache: a deterministic request's answer is served again from the cache (hit,
 * audited CACHE_HIT with what it saved, nothing sent upstream) but never to another tenant; callers'
 * Cache-Control, non-deterministic requests, restricted data and Government tenants bypass it; a
 * cached answer is replayed as an event stream to a streaming caller; hits still count against the
 * rate limit. (Sharing across instances: LimitsAcrossInstancesIT.)
 */
class CacheIT {

    private static NovixStack stack;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
    }

    private static String body(String text, String extra) {
        return "{\"model\":\"HuggingFaceH4/zephyr-7b-beta\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]" + extra + "}";
    }

    private static String cache(Api.Answer a) {
        return a.raw().headers().firstValue("X-Novix-Cache").orElse("(none)");
    }

    @Test
    void aDeterministicAnswerIsServedAgainButNeverToAnotherTenant() throws Exception {
        String tenant = api.tenant("cache-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        String token = api.token(tenant).getString("token");
        String other = api.tenant("cache-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        String otherToken = api.token(other).getString("token");
        String request = body("cache me " + UUID.randomUUID(), ",\"temperature\":0");

        Api.Answer first = api.chat(token, request);
        assertEquals(200, first.status(), first.body());
        assertEquals("miss", cache(first));
        Api.Answer again = api.chat(token, request.replace("\"temperature\":0", "\"temperature\":0.0,\"user\":\"someone\""));
        assertEquals(200, again.status(), again.body());
        assertEquals("hit", cache(again), "the same request (0.0 is 0, and 'user' does not change the answer)");
        assertEquals(first.object().getString("id"), again.object().getString("id"), "the very answer the upstream gave");

        Map<String, Object> hit = Db.audit(stack, again.requestId()).get(0);
        assertEquals("CACHE_HIT", hit.get("outcome"));
        assertEquals(0, ((Number) hit.get("upstream_attempts")).intValue(), "nothing went upstream");
        assertEquals(0, new java.math.BigDecimal(hit.get("cost_usd").toString()).signum());
        Map<String, Object> paid = Db.audit(stack, first.requestId()).get(0);
        assertTrue(new java.math.BigDecimal(paid.get("cost_usd").toString()).signum() > 0);
        assertEquals("novix-cache saved_usd=" + new java.math.BigDecimal(paid.get("cost_usd").toString()).stripTrailingZeros().toPlainString(),
                hit.get("endpoint"), "the saving is the upstream call's cost");
        assertEquals(1, Db.admission(stack, again.requestId()).size(), "a hit is admitted and written ahead like any call");

        assertTrue(Db.query(stack, "SELECT 1 FROM response_cache WHERE tenant_id = ?::uuid", other).isEmpty());
        Api.Answer stranger = api.chat(otherToken, request);
        assertEquals(200, stranger.status());
        assertEquals("miss", cache(stranger), "another tenant's identical request never meets the first tenant's answer");
        assertNotEquals(first.object().getString("id"), stranger.object().getString("id"));

        // asked for again, the answer is shared through PostgreSQL (just after the hit); the row is sealed
        List<Map<String, Object>> rows = List.of();
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (rows.isEmpty()) {
            assertTrue(System.nanoTime() < deadline, "the hit answer was never shared");
            rows = Db.query(stack, "SELECT encode(answer_sealed, 'escape') AS a FROM response_cache WHERE tenant_id = ?::uuid", tenant);
            Thread.sleep(rows.isEmpty() ? 10 : 0); // a poll, not a spin: the server under test has two cores
        }
        assertEquals(1, rows.size());
        assertFalse(String.valueOf(rows.get(0).get("a")).contains("Simulated answer"), "sealed under the tenant's data key");
    }

    @Test
    void whatMustNotBeCachedBypassesIt() throws Exception {
        String tenant = api.tenant("cache-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        String token = api.token(tenant).getString("token");
        String request = body("bypass " + UUID.randomUUID(), ",\"temperature\":0");
        assertEquals("bypass", cache(api.chat(token, body("no temperature " + UUID.randomUUID(), ""))), "not deterministic");
        assertEquals("bypass", cache(api.sendWith("/v1/chat/completions", token, request, "Cache-Control", "no-store")));
        assertEquals("miss", cache(api.chat(token, request)), "no-store kept nothing");
        Api.Answer hit = api.chat(token, request);
        assertEquals("hit", cache(hit));
        Api.Answer fresh = api.sendWith("/v1/chat/completions", token, request, "Cache-Control", "no-cache");
        assertEquals("bypass", cache(fresh));
        assertNotEquals(hit.object().getString("id"), fresh.object().getString("id"), "no-cache asked the upstream again");
        assertEquals("bypass", cache(api.sendWith("/v1/chat/completions", token, request, "X-Data-Classification", "restricted")));

        String gov = api.tenant("cache-" + UUID.randomUUID().toString().substring(0, 8), "GOVERNMENT");
        JsonObject settings = api.admin("GET", "/admin/tenants/" + gov + "/cache", null).object();
        assertFalse(settings.getJsonObject("policy").getBoolean("enabled"), "off for FedRAMP High by default");
        assertEquals("profile", settings.getString("source"));

        assertEquals(400, api.admin("PUT", "/admin/tenants/" + tenant + "/cache", "{\"ttlSeconds\":0}").status());
        assertEquals(400, api.admin("PUT", "/admin/tenants/" + tenant + "/cache", "{\"enabled\":\"yes\"}").status());
        Api.Answer off = api.admin("PUT", "/admin/tenants/" + tenant + "/cache", "{\"enabled\":false}");
        assertEquals(200, off.status(), off.body());
        assertEquals("bypass", cache(api.chat(token, request)), "the tenant turned it off");
    }

    @Test
    void aCachedAnswerIsReplayedAsAStreamAndHitsCountAgainstTheRateLimit() throws Exception {
        String tenant = api.tenant("cache-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        String token = api.token(tenant).getString("token");
        String request = body("stream me " + UUID.randomUUID(), ",\"seed\":7");
        Api.Answer first = api.chat(token, request);
        assertEquals("miss", cache(first));
        String content = first.object().getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content");
        Api.Answer streamed = api.chat(token, request.replace("\"seed\":7", "\"seed\":7,\"stream\":true,\"stream_options\":{\"include_usage\":true}"));
        assertEquals(200, streamed.status());
        assertEquals("hit", cache(streamed));
        assertTrue(streamed.raw().headers().firstValue("Content-Type").orElse("").startsWith("text/event-stream"));
        assertTrue(streamed.body().contains(jakarta.json.Json.createValue(content).toString()), streamed.body());
        assertTrue(streamed.body().contains("\"usage\""), "the usage chunk the caller asked for");
        assertTrue(streamed.body().trim().endsWith("data: [DONE]"));


        // a fresh tenant at 3 requests a minute: one miss, then hits; 7 calls over at most two windows put at least
        // 4 in one, so some are refused when hits count, none when they do not
        String limitedTenant = api.tenant("cache-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        String limitedToken = api.token(limitedTenant).getString("token");
        assertEquals(200, api.admin("PUT", "/admin/tenants/" + limitedTenant + "/policy", "{\"requestsPerMinute\":3}").status());
        int limited = 0;
        for (int i = 0; i < 7; i++) {
            Api.Answer a = api.chat(limitedToken, request);
            if (a.status() == 429) {
                limited++;
            } else {
                assertEquals(200, a.status(), a.body());
                assertEquals(i == 0 ? "miss" : "hit", cache(a));
            }
        }
        assertTrue(limited >= 1, "hits are requests like any other for the rate limit: " + limited + " of 7 refused");
    }

    @Test
    void aStreamedAnswerIsKeptAsAWholeOneAndServedToTheNextCaller() throws Exception {
        String tenant = api.tenant("cache-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        String token = api.token(tenant).getString("token");
        String request = body("streamed first " + UUID.randomUUID(), ",\"temperature\":0");
        Api.Answer streamed = api.chat(token, request.replace("\"temperature\":0", "\"temperature\":0,\"stream\":true"));
        assertEquals(200, streamed.status());
        assertEquals("miss", cache(streamed));
        StringBuilder text = new StringBuilder();
        for (String line : streamed.body().split("\n")) {
            if (line.startsWith("data: {")) {
                JsonObject chunk = jakarta.json.Json.createReader(new java.io.StringReader(line.substring(6))).readObject();
                var choices = chunk.getJsonArray("choices");
                if (choices != null && !choices.isEmpty() && choices.getJsonObject(0).getJsonObject("delta").containsKey("content")) {
                    text.append(choices.getJsonObject(0).getJsonObject("delta").getString("content"));
                }
            }
        }
        assertTrue(text.length() > 0, streamed.body());
        Api.Answer whole = api.chat(token, request);
        assertEquals("hit", cache(whole), "the streamed answer was kept");
        assertEquals(text.toString(), whole.object().getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"));
        assertEquals("chat.completion", whole.object().getString("object"));
    }
}
