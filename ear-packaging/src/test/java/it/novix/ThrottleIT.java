package it.novix;

import io.novix.launcher.NovixStack;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hardening class 4: refused traffic is throttled per client address, and a flood of refusals
 * cannot grow the audit table — each refusal is still counted exactly, in aggregate rows — while a
 * genuine caller from the same address is served. Its own stack, with a budget of 5 refusals, behind
 * a trusted proxy (loopback): X-Forwarded-For names the client then, and Liberty's private $WSRA
 * header, which any caller could set, never does.
 */
class ThrottleIT {

    @Test
    void aFloodOfBadCredentialsIsThrottledCountedExactlyAndSparesGenuineCalls() throws Exception {
        Map<String, String> env = Stacks.testEnv();
        env.put("NOVIX_THROTTLE_ADDRESS_BURST", "5");
        env.put("NOVIX_THROTTLE_ADDRESS_PER_MINUTE", "1");
        env.put("NOVIX_THROTTLE_AUDIT_WINDOW", "PT1S");
        env.put("NOVIX_THROTTLE_TARPIT", "PT0.2S");
        env.put("NOVIX_TRUSTED_PROXIES", "127\\.0\\.0\\.1");
        try (NovixStack stack = Stacks.create("throttle", env)) {
            stack.start();
            Api api = new Api(stack.baseUrl(), stack.adminToken());
            String token = api.token(api.tenant("thr-" + UUID.randomUUID().toString().substring(0, 8), "ENTERPRISE")).getString("token");
            HttpClient http = HttpClient.newHttpClient();
            String flood = "flood-" + UUID.randomUUID().toString().substring(0, 8);
            // the stack's home (and database) survive between runs: count only what this run writes
            long lastId = ((Number) Db.query(stack, "SELECT coalesce(max(id), 0) AS n FROM audit_record").get(0).get("n")).longValue();
            int refused = 0;
            int throttled = 0;
            long heldLeast = Long.MAX_VALUE;
            // 20 connections at once, as a flood comes: each throttled answer is held for the tarpit
            ExecutorService callers = Executors.newFixedThreadPool(20);
            try {
                List<Future<HttpResponse<String>>> sent = new ArrayList<>();
                List<Future<Long>> took = new ArrayList<>();
                for (int i = 0; i < 200; i++) {
                    int n = i;
                    CompletableFuture<Long> nanos = new CompletableFuture<>();
                    sent.add(callers.submit(() -> {
                        long t0 = System.nanoTime();
                        HttpResponse<String> r = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/v1/chat/completions"))
                                .header("Authorization", "Bearer nvx_" + UUID.randomUUID().toString().replace("-", "").substring(0, 8)
                                        + "_" + "s".repeat(40))
                                .header("X-Request-Id", flood + "-" + n).header("Content-Type", "application/json")
                                .header("$WSRA", "198.51.100." + (n % 250)) // a new address each time, were it honoured
                                .POST(HttpRequest.BodyPublishers.ofString(Api.chatBody("x"))).build(), HttpResponse.BodyHandlers.ofString());
                        nanos.complete(System.nanoTime() - t0);
                        return r;
                    }));
                    took.add(nanos);
                }
                for (int i = 0; i < sent.size(); i++) {
                    HttpResponse<String> r = sent.get(i).get();
                    if (r.statusCode() == 401) {
                        refused++;
                    } else {
                        assertEquals(429, r.statusCode(), r.body());
                        assertTrue(r.body().contains("\"code\":\"too_many_refusals\""), r.body());
                        assertTrue(r.headers().firstValue("Retry-After").isPresent());
                        throttled++;
                        heldLeast = Math.min(heldLeast, took.get(i).get());
                    }
                }
            } finally {
                callers.shutdownNow();
            }
            assertEquals(5, refused, "the address's budget");
            assertEquals(195, throttled);
            assertTrue(heldLeast >= Duration.ofMillis(200).toNanos(), "every throttled answer waits out the tarpit: "
                    + heldLeast / 1_000_000 + " ms");

            Api.Answer genuine = api.chat(token, Api.chatBody("still served"));
            assertEquals(200, genuine.status(), "a genuine credential from the throttled address is served");
            Api.Answer admin = new Api(stack.baseUrl(), "nvx_bogus_" + "a".repeat(40)).admin("GET", "/admin/tenants", null);
            assertEquals(429, admin.status(), "the admin face shares the address's budget: " + admin.body());

            String forwarded = "fwd-" + UUID.randomUUID();
            HttpResponse<String> proxied = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/v1/chat/completions"))
                    .header("Authorization", "Bearer nvx_proxied_" + "s".repeat(40)).header("X-Request-Id", forwarded)
                    .header("X-Forwarded-For", "198.51.100.77").header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(Api.chatBody("x"))).build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(401, proxied.statusCode(), "another client behind the trusted proxy has its own budget: " + proxied.body());
            assertEquals(forwarded, proxied.headers().firstValue("X-Request-Id").orElseThrow().replaceAll("~[0-9a-f]{12}$", ""),
                    "the caller's id, made unique");
            assertEquals("198.51.100.77", Db.audit(stack, proxied.headers().firstValue("X-Request-Id").orElseThrow()).get(0)
                    .get("client_address"), "the client the proxy names");

            long individual = (Long) Db.query(stack, "SELECT count(*) AS n FROM audit_record WHERE request_id LIKE ?",
                    flood + "-%~%").get(0).get("n");
            assertEquals(5L, individual, "only the refusals within the budget have rows of their own");
            Instant deadline = Instant.now().plus(Duration.ofSeconds(30));
            long aggregated = 0;
            while (Instant.now().isBefore(deadline)) { // the aggregate row is written when its 1 s window ends
                List<Map<String, Object>> rows = Db.query(stack, "SELECT coalesce(sum(occurrences), 0) AS n FROM audit_record "
                        + "WHERE action = 'inference.chat' AND error_code = 'too_many_refusals' AND id > ?", lastId);
                aggregated = ((Number) rows.get(0).get("n")).longValue();
                if (aggregated >= 195) {
                    break;
                }
                Thread.sleep(100); // polling a condition with a deadline, not waiting a fixed time
            }
            assertEquals(195L, aggregated, "every throttled refusal is counted, exactly");
            long aggregateRows = (Long) Db.query(stack, "SELECT count(*) AS n FROM audit_record WHERE error_code = 'too_many_refusals' "
                    + "AND action = 'inference.chat' AND id > ?", lastId).get(0).get("n");
            assertTrue(aggregateRows < 30, "195 refusals in " + aggregateRows + " rows, not 195");

            // the console's token sign-in is the same door: a client guessing tokens there is throttled too
            String guesser = "203.0.113." + (1 + new java.util.Random().nextInt(250));
            List<Integer> statuses = new ArrayList<>();
            HttpResponse<String> last = null;
            for (int i = 0; i < 7; i++) {
                last = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/console/login"))
                        .header("X-Forwarded-For", guesser).header("Content-Type", "application/json")
                        .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"nvx_guess" + "abcdefg".charAt(i) + "aaaaaa_" + "s".repeat(43) + "\"}")).build(),
                        HttpResponse.BodyHandlers.ofString());
                statuses.add(last.statusCode());
            }
            assertEquals(List.of(401, 401, 401, 401, 401, 429, 429), statuses, "the budget of 5, then 429");
            assertTrue(last.body().contains("\"code\":\"too_many_refusals\"") && last.headers().firstValue("Retry-After").isPresent(),
                    last.body());
            // the 2 throttled sign-ins land in an aggregate row when its 1 s window ends, so count it apart
            assertEquals(5, Db.query(stack, "SELECT 1 FROM audit_record WHERE action = 'console.login' AND outcome = 'DENIED' "
                    + "AND client_address = ? AND id > ? AND error_code IS DISTINCT FROM 'too_many_refusals'", guesser, lastId).size(),
                    "the refusals within the budget have rows of their own");
            Instant signInDeadline = Instant.now().plus(Duration.ofSeconds(30));
            long signInsThrottled = 0;
            while (Instant.now().isBefore(signInDeadline) && signInsThrottled < 2) {
                signInsThrottled = ((Number) Db.query(stack, "SELECT coalesce(sum(occurrences), 0) AS n FROM audit_record "
                        + "WHERE action = 'console.login' AND error_code = 'too_many_refusals' AND client_address = ? AND id > ?",
                        guesser, lastId).get(0).get("n")).longValue();
                if (signInsThrottled < 2) {
                    Thread.sleep(100); // polling a condition with a deadline
                }
            }
            assertEquals(2L, signInsThrottled, "the throttled sign-ins are counted in aggregate");
            // and a genuine sign-in from that address is still served
            HttpResponse<String> signIn = http.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/console/login"))
                    .header("X-Forwarded-For", guesser).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + stack.adminToken() + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, signIn.statusCode(), signIn.body());
        }
    }
}
