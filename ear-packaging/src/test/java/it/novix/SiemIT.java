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
 * Issue 12, SIEM: with Splunk HEC down while traffic flows, then busy (503), then losing batches
 * (acknowledgements that never come), every audit entry still arrives — none missing, each with its
 * stable id, in chain order — and serving never waited for the collector.
 */
class SiemIT {

    @Test
    void everyAuditEntryReachesTheCollectorThroughOutageBusyAndLostAcks() throws Exception {
        int hecPort = FreePorts.pick();
        String hecToken = "hec-" + UUID.randomUUID();
        Map<String, String> env = Stacks.testEnv();
        env.put("NOVIX_SIEM_HEC_URL", "http://127.0.0.1:" + hecPort);
        env.put("NOVIX_SIEM_HEC_TOKEN", hecToken);
        env.put("NOVIX_SIEM_INTERVAL", "PT0.2S");
        env.put("NOVIX_SIEM_ACK_TIMEOUT", "PT1S");
        env.put("NOVIX_SIEM_BACKOFF_MAX", "PT0.5S");
        env.put("NOVIX_SIEM_BATCH", "25");
        try (NovixStack stack = Stacks.create("siem", env)) {
            stack.start();
            Api api = new Api(stack.baseUrl(), stack.adminToken());
            String tenant = api.tenant("siem-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
            String token = api.token(tenant).getString("token");
            for (int i = 0; i < 40; i++) { // the collector is down (nothing listens): serving does not wait for it
                assertEquals(200, api.chat(token, Api.chatBody("while the SIEM is down " + i)).status());
            }
            Set<String> written = ids(stack);
            assertTrue(written.size() >= 80, "admission and outcome entries of 40 calls, and more: " + written.size());

            try (HecSimulator hec = new HecSimulator(hecPort, hecToken)) {
                hec.busyFor(3);
                hec.loseBatches(2);
                long deadline = System.nanoTime() + Duration.ofSeconds(90).toNanos();
                Set<String> arrived = new LinkedHashSet<>();
                while (System.nanoTime() < deadline) {
                    arrived.clear();
                    hec.indexed().forEach(e -> arrived.add(e.id()));
                    if (arrived.containsAll(written)) {
                        break;
                    }
                    Thread.onSpinWait();
                }
                Set<String> missing = new LinkedHashSet<>(written);
                missing.removeAll(arrived);
                assertEquals(Set.of(), missing, "every entry written while the collector was away arrives");
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
        for (Map<String, Object> r : Db.query(stack, "SELECT chain_id::text || ':' || chain_seq AS id FROM audit_record "
                + "WHERE chain_id IS NOT NULL ORDER BY id")) {
            ids.add((String) r.get("id"));
        }
        return ids;
    }
}
