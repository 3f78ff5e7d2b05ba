package it.novix;

import io.novix.launcher.FreePorts;
import io.novix.launcher.NovixStack;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, SIEM: with Splunk HEC down while traffic flows — for ten minutes of traffic by default
 * ({@code -Dnovix.siem.outage=PT10M}; shorter while iterating) — then busy (503), then losing batches
 * (acknowledgements that never come), every audit entry still arrives — none missing, each with its
 * stable id, in chain order — and serving never waited for the collector.
 */
class SiemIT {

    /** How long the collector is away while calls flow. */
    private static final Duration OUTAGE = Duration.parse(System.getProperty("novix.siem.outage", "PT10M"));

    /** Calls a second during the outage: paced, so ten minutes make a backlog of thousands of entries, not millions. */
    private static final int CALLS_PER_SECOND = 5;

    @Test
    void everyAuditEntryReachesTheCollectorThroughOutageBusyAndLostAcks() throws Exception {
        int hecPort = FreePorts.pick();
        String hecToken = "hec-" + UUID.randomUUID();
        Map<String, String> env = Stacks.testEnv();
        env.put("NOVIX_SIEM_HEC_URL", "http://127.0.0.1:" + hecPort);
        env.put("NOVIX_SIEM_HEC_TOKEN", hecToken);
        env.put("NOVIX_SIEM_INTERVAL", "PT0.2S");
        env.put("NOVIX_SIEM_ACK_TIMEOUT", "PT1S");
        env.put("NOVIX_SIEM_BACKOFF_MAX", "PT2S");
        env.put("NOVIX_SIEM_BATCH", "50");
        try (NovixStack stack = Stacks.create("siem", env)) {
            stack.start();
            Api api = new Api(stack.baseUrl(), stack.adminToken());
            String tenant = api.tenant("siem-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
            String token = api.token(tenant).getString("token");
            // the collector is down (nothing listens) for the whole outage: serving does not wait for it
            long start = System.nanoTime();
            long end = start + OUTAGE.toNanos();
            int calls = 0;
            long slowest = 0;
            while (calls < 40 || System.nanoTime() < end) {
                long due = start + calls * 1_000_000_000L / CALLS_PER_SECOND; // paced, not synchronised
                java.util.concurrent.locks.LockSupport.parkNanos(due - System.nanoTime());
                long sent = System.nanoTime();
                assertEquals(200, api.chat(token, Api.chatBody("while the SIEM is down " + calls)).status());
                slowest = Math.max(slowest, System.nanoTime() - sent);
                calls++;
            }
            Set<String> written = ids(stack);
            assertTrue(written.size() >= 2 * calls, "admission and outcome entries of " + calls + " calls, and more: " + written.size());
            assertTrue(slowest < Duration.ofSeconds(5).toNanos(), "no call waited for the collector: slowest "
                    + slowest / 1_000_000 + " ms");
            System.out.printf("SiemIT: %d calls, %d entries during an outage of %s%n", calls, written.size(), OUTAGE);

            try (HecSimulator hec = new HecSimulator(hecPort, hecToken)) {
                hec.busyFor(3);
                hec.loseBatches(2);
                long back = System.nanoTime();
                Set<String> missing = hec.awaitIndexed(written, Duration.ofSeconds(120));
                assertEquals(Set.of(), missing, "every entry written while the collector was away arrives");
                System.out.printf("SiemIT: %d entries delivered %d ms after the collector came back%n", written.size(),
                        (System.nanoTime() - back) / 1_000_000);
                assertEquals(3, hec.refusedBusy(), "the busy answers were met");
                assertEquals(2, hec.lostBatches(), "and the lost batches");
                assertEquals(0, hec.badTokens());

                // in chain order: each chain's entries are indexed (first time) in sequence
                Map<String, List<Long>> byChain = new HashMap<>();
                Set<String> seen = new java.util.HashSet<>();
                for (HecSimulator.Event e : hec.indexed()) {
                    if (seen.add(e.id())) {
                        String[] parts = e.id().split(":");
                        byChain.computeIfAbsent(parts[0], k -> new ArrayList<>()).add(Long.parseLong(parts[1]));
                    }
                }
                byChain.forEach((chain, seqs) -> assertEquals(seqs.stream().sorted().toList(), seqs, "chain " + chain + " in order"));
                HecSimulator.Event sample = hec.indexed().stream().filter(e -> "inference.chat".equals(e.event().getString("action", "")))
                        .findFirst().orElseThrow();
                assertEquals("novix:audit", sample.sourcetype());
                assertEquals(64, sample.event().getString("entryHash").length(), "the entry's chain hash travels with it");
            }
            String log = Files.readString(stack.messagesLog());
            assertFalse(log.contains(hecToken), "the HEC token never reaches a log");
        }
    }

    private static Set<String> ids(NovixStack stack) throws Exception {
        Set<String> ids = new LinkedHashSet<>();
        // every entry the collector has not acknowledged (the home of a previous run may hold acknowledged ones)
        for (Map<String, Object> r : Db.query(stack, "SELECT a.chain_id::text || ':' || a.chain_seq AS id FROM audit_record a "
                + "LEFT JOIN siem_cursor s ON s.chain_id = a.chain_id WHERE a.chain_id IS NOT NULL "
                + "AND a.chain_seq > coalesce(s.last_seq, 0) ORDER BY id")) {
            ids.add((String) r.get("id"));
        }
        return ids;
    }
}
