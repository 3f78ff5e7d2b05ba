package it.novix;

import io.novix.launcher.NovixStack;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, faults: PostgreSQL stopped under load. Every answer is a 200 with its audit row or a
 * clean 503 with a stable code (never a 500), and Novix serves again by itself once PostgreSQL is
 * back, without a restart.
 */
class DatabaseOutageIT {

    private record Seen(int status, String code, String requestId) {
    }

    @Test
    void anOutageIsRefusedCleanlyAndRecoveredFromWithoutARestart() throws Exception {
        Map<String, String> env = Stacks.testEnv();
        env.put("NOVIX_TOKEN_CACHE_TTL", "PT0S"); // every call asks PostgreSQL for its token: the outage is met at once
        Path home = Path.of("target/it-home/outage");
        if (Files.exists(home)) {
            try (var walk = Files.walk(home)) {
                walk.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
            }
        }
        try (NovixStack stack = Stacks.create("outage", env)) {
            stack.start();
            Api api = new Api(stack.baseUrl(), stack.adminToken());
            String token = api.token(api.tenant("out-" + UUID.randomUUID().toString().substring(0, 8), "ENTERPRISE")).getString("token");
            assertEquals(200, api.chat(token, Api.chatBody("before")).status());

            ConcurrentLinkedQueue<Seen> seen = new ConcurrentLinkedQueue<>();
            AtomicBoolean running = new AtomicBoolean(true);
            CountDownLatch warmed = new CountDownLatch(8);
            List<Thread> clients = new ArrayList<>();
            for (int i = 0; i < 8; i++) {
                Thread t = new Thread(() -> {
                    boolean first = true;
                    while (running.get()) {
                        try {
                            Api.Answer a = api.chat(token, Api.chatBody("load"));
                            seen.add(new Seen(a.status(), a.status() == 200 ? null : a.errorCode(), a.requestId()));
                        } catch (Exception e) {
                            seen.add(new Seen(-1, e.getClass().getSimpleName(), null));
                        }
                        if (first) {
                            warmed.countDown();
                            first = false;
                        }
                    }
                });
                t.start();
                clients.add(t);
            }
            assertTrue(warmed.await(120, java.util.concurrent.TimeUnit.SECONDS), "the clients never got a first answer");
            stack.stopDatabase();
            Thread.sleep(5_000); // the outage's length (the stimulus, not a wait for a result): the clients keep calling
            long refusedDuringOutage = seen.stream().filter(s -> s.status() == 503).count();
            stack.startDatabase();
            long deadline = System.nanoTime() + 90_000_000_000L;
            Api.Answer back;
            do { // no restart: the pool reconnects by itself
                back = api.chat(token, Api.chatBody("after"));
            } while (back.status() != 200 && System.nanoTime() < deadline);
            running.set(false);
            for (Thread t : clients) {
                t.join();
            }
            assertEquals(200, back.status(), "served again once PostgreSQL is back: " + back.body());
            assertTrue(refusedDuringOutage > 0, "the outage was met");

            Map<String, Integer> byAnswer = new TreeMap<>();
            seen.forEach(s -> byAnswer.merge(s.status() + " " + s.code(), 1, Integer::sum));
            for (Seen s : seen) {
                assertTrue(s.status() == 200 || (s.status() == 503
                                && Set.of("database_unavailable", "audit_unavailable", "limits_unavailable").contains(s.code())),
                        "only 200 or a clean 503: " + byAnswer);
            }
            for (Seen s : seen) {
                if (s.status() == 200) {
                    assertEquals(1, Db.admission(stack, s.requestId()).size(), "no 200 without its admission entry: " + s.requestId());
                }
            }
            System.out.println("answers through a 5 s PostgreSQL outage: " + byAnswer);
        }
    }
}
