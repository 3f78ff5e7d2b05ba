package io.novix.core.audit.control;

import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.audit.entity.InferenceDetail;
import io.novix.core.audit.entity.Outcome;
import io.novix.core.audit.entity.Phase;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import org.flywaydb.core.Flyway;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The sizing figure of docs/audit.md (rows one instance commits per second, chained, fsync on):
 * a measurement, not a test — it runs only with {@code -Dnovix.bench=true}:
 * {@code mvn -o verify -pl src/novix-core -Dtest=none -Dsurefire.failIfNoSpecifiedTests=false
 * -Dit.test=AuditWriterThroughputJpaIT -Dnovix.bench=true}.
 */
class AuditWriterThroughputJpaIT {

    @Test
    void rowsPerSecondOfOneWriter() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("novix.bench"), "a measurement: -Dnovix.bench=true");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("fsync", "on")
                .setServerConfig("synchronous_commit", "on").start()) {
            Flyway.configure().dataSource(pg.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
            AuditWriter writer = new AuditWriter();
            writer.dataSource = pg.getPostgresDatabase();
            writer.threads = new DaemonThreads();
            writer.capacity = 200_000;
            writer.maxBatch = 1000;
            writer.writeAttempts = 3;
            writer.start();
            UUID tenant = UUID.randomUUID();
            for (int round = 0; round < 3; round++) { // the first rounds warm the JIT
                int n = 100_000;
                List<CompletableFuture<Void>> done = new ArrayList<>(n);
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    done.add(writer.append(entry(tenant, i % 2 == 0 ? Phase.ADMISSION : Phase.OUTCOME)));
                }
                CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
                double s = (System.nanoTime() - t0) / 1e9;
                System.out.printf("audit writer: %d chained rows in %.2f s = %.0f rows/s, %d commits so far%n", n, s, n / s,
                        writer.commits());
            }
            writer.stop();
        }
    }

    private static AuditEntry entry(UUID tenant, Phase phase) {
        InferenceDetail d = new InferenceDetail("chat-completion", phase == Phase.OUTCOME ? "https://router.huggingface.co/v1" : null,
                "eu-west-1", false, "CLOSED", null, null, null, phase == Phase.OUTCOME ? new BigDecimal("0.0004") : null,
                "rpm=500000;residency=SOVEREIGN", phase, UUID.randomUUID(), "confidential", new BigDecimal("0.002"), null);
        return new AuditEntry(Instant.now(), "req-" + UUID.randomUUID(), tenant, "token:abcd1234", "inference.chat",
                "meta-llama/Llama-3.1-8B-Instruct", phase == Phase.ADMISSION ? Outcome.ADMITTED : Outcome.SUCCESS,
                phase == Phase.ADMISSION ? 0 : 200, null, 12, 40, 60, 1, null, d, null, 1, "10.0.0.7");
    }
}
