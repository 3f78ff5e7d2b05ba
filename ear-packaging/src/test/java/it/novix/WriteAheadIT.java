package it.novix;

import io.novix.launcher.NovixStack;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, write-ahead audit, in the default mode (only the admission entry is waited for): no answer
 * without its admission entry; Liberty killed with {@code kill -9} mid-load, and started again: every
 * admitted call has exactly one outcome — how it ended, or OUTCOME_UNKNOWN — and the chains verify. The batches go in
 * with COPY through Liberty's pooled connection.
 */
class WriteAheadIT {

    private static final int HELD = 4;

    @Test
    void killedMidLoadEveryAdmissionGetsExactlyOneOutcomeAndTheChainsVerify() throws Exception {
        Map<String, String> env = Stacks.testEnv();
        env.remove("NOVIX_AUDIT_AWAIT_OUTCOME"); // the default: answers wait for the admission entry only
        env.put("NOVIX_UPSTREAM_READ_TIMEOUT", "PT120S"); // the held calls are still in flight when the server dies
        env.put("NOVIX_BULKHEAD_STANDARD", "64"); // held calls and the load side by side
        try (NovixStack stack = Stacks.create("write-ahead", env)) {
            stack.start();
            Api api = new Api(stack.baseUrl(), stack.adminToken());
            String tenant = api.tenant("wa-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
            String token = api.token(tenant).getString("token");

            Api.Answer served = api.chat(token, Api.chatBody("written ahead"));
            assertEquals(200, served.status(), served.body());
            List<Map<String, Object>> admission = Db.admission(stack, served.requestId());
            assertEquals(1, admission.size(), "the admission entry is committed before the answer leaves");
            assertEquals("ADMITTED", admission.get(0).get("outcome"));
            assertTrue(((BigDecimal) admission.get(0).get("reserved_usd")).signum() > 0, "what the call reserved");
            String log = Files.readString(stack.messagesLog());
            assertTrue(log.contains("audit batches of 8 rows or more are written with COPY"), "Liberty's connection unwraps to pgjdbc's: COPY");
            assertFalse(log.contains("audit batches are written as INSERTs"));

            // calls held upstream for a minute: admitted, in flight when the server is killed
            List<CompletableFuture<HttpResponse<String>>> held = Api.heldChats(stack.simulator().orElseThrow(), stack.baseUrl(),
                    token, HELD);
            awaitOpenAdmissions(stack, tenant, HELD);

            ConcurrentLinkedQueue<String> answered = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            List<Thread> load = new ArrayList<>();
            for (int i = 0; i < 4; i++) {
                Thread t = new Thread(() -> {
                    while (running.get()) {
                        try {
                            Api.Answer a = api.chat(token, Api.chatBody("load"));
                            if (a.status() == 200) {
                                answered.add(a.requestId());
                            }
                        } catch (Exception serverGone) {
                            return;
                        }
                    }
                });
                t.start();
                load.add(t);
            }
            long until = System.nanoTime() + 120_000_000_000L;
            while (answered.size() < 50) { // mid-load: answers are flowing when the JVM dies
                assertTrue(System.nanoTime() < until, "no load flowed: " + answered.size() + " answers");
                Thread.sleep(5); // polling with a deadline; a spinning wait would take one of the two cores from the server
            }
            stack.killServer();
            running.set(false);
            for (Thread t : load) {
                t.join();
            }
            for (CompletableFuture<HttpResponse<String>> h : held) {
                assertTrue(h.handle((r, e) -> e != null || r.statusCode() != 200).join(), "a held call was never answered");
            }

            stack.restartServer(); // the same server: it closes its earlier run's open admissions at start
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (!open(stack, tenant).isEmpty() && System.nanoTime() < deadline) {
                Thread.sleep(10); // a poll, not a spin: the server under test has two cores
            }
            assertEquals(List.of(), open(stack, tenant), "no admission is left without an outcome");

            List<Map<String, Object>> perCall = Db.query(stack, "SELECT a.request_id, count(o.id) AS outcomes, "
                    + "min(o.outcome) AS outcome FROM audit_record a LEFT JOIN audit_record o ON o.request_id = a.request_id "
                    + "AND o.phase = 'OUTCOME' WHERE a.tenant_id = ? AND a.phase = 'ADMISSION' GROUP BY a.request_id",
                    UUID.fromString(tenant));
            assertTrue(perCall.size() >= answered.size() + HELD + 1);
            perCall.forEach(c -> assertEquals(1L, c.get("outcomes"), "exactly one outcome: " + c));
            long unknown = perCall.stream().filter(c -> "OUTCOME_UNKNOWN".equals(c.get("outcome"))).count();
            assertTrue(unknown >= HELD, "the held calls' outcomes are unknown, and say so: " + unknown);
            for (String id : answered) {
                assertEquals(1, Db.admission(stack, id).size(), "an answered call has its admission entry: " + id);
                assertEquals(1, Db.audit(stack, id).size(), "and one outcome entry: " + id);
            }
            List<Map<String, Object>> unknownCost = Db.query(stack, "SELECT count(*) AS n FROM audit_record WHERE tenant_id = ? "
                    + "AND outcome = 'OUTCOME_UNKNOWN' AND cost_usd = reserved_usd AND cost_usd > 0", UUID.fromString(tenant));
            assertEquals(unknown, unknownCost.get(0).get("n"), "an unknown outcome is charged its reservation");

            JsonObject verification = new Api(stack.baseUrl(), stack.adminToken())
                    .admin("GET", "/admin/audit/verification", null).object();
            assertTrue(verification.getBoolean("verified"), verification.toString());
            System.out.println("kill -9 mid-load: " + answered.size() + " answered, " + perCall.size() + " admitted, "
                    + unknown + " OUTCOME_UNKNOWN; verification " + verification);
        }
    }

    private static void awaitOpenAdmissions(NovixStack stack, String tenant, int n) throws Exception {
        long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
        while (open(stack, tenant).size() < n) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("the held calls were not admitted");
            }
            Thread.sleep(10); // a poll, not a spin: the server under test has two cores
        }
    }

    private static List<Map<String, Object>> open(NovixStack stack, String tenant) throws Exception {
        return Db.query(stack, "SELECT request_id FROM audit_open_admissions WHERE tenant_id = ?", UUID.fromString(tenant));
    }
}
