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

import org.postgresql.ds.PGSimpleDataSource;

import javax.sql.DataSource;
import java.io.IOException;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.math.BigDecimal;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
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
            writer.dataSource = oneConnection(pg);
            writer.threads = new DaemonThreads();
            writer.capacity = 200_000;
            writer.maxBatch = 1000;
            writer.writeAttempts = 3;
            writer.start();
            UUID tenant = UUID.randomUUID();
            Thread writerThread = Thread.getAllStackTraces().keySet().stream().filter(t -> t.getName().equals("novix-audit-writer"))
                    .findFirst().orElseThrow();
            ThreadMXBean cpu = ManagementFactory.getThreadMXBean();
            for (int round = 0; round < 3; round++) { // the first rounds warm the JIT
                int n = 100_000;
                List<CompletableFuture<Void>> done = new ArrayList<>(n);
                long writerCpu0 = cpu.getThreadCpuTime(writerThread.getId());
                long pgCpu0 = postgresCpuNanos(pg.getPort());
                long t0 = System.nanoTime();
                for (int i = 0; i < n; i++) {
                    done.add(writer.append(entry(tenant, i % 2 == 0 ? Phase.ADMISSION : Phase.OUTCOME)));
                }
                CompletableFuture.allOf(done.toArray(CompletableFuture[]::new)).join();
                double s = (System.nanoTime() - t0) / 1e9;
                double writerUs = (cpu.getThreadCpuTime(writerThread.getId()) - writerCpu0) / 1e3 / n;
                double pgUs = (postgresCpuNanos(pg.getPort()) - pgCpu0) / 1e3 / n;
                System.out.printf("audit writer: %d chained rows in %.2f s = %.0f rows/s, %d commits so far; CPU per row: "
                        + "writer thread %.1f us, PostgreSQL %.1f us%n", n, s, n / s, writer.commits(), writerUs, pgUs);
            }
            writer.stop();
        }
    }

    /**
     * What one batch of k rows costs each way (COPY, INSERTs), commits not waiting for the disk
     * ({@code synchronous_commit=off}) so the statements' own cost shows: where COPY starts to pay.
     */
    @Test
    void batchCostByWayAndSize() throws Exception {
        Assumptions.assumeTrue(Boolean.getBoolean("novix.bench"), "a measurement: -Dnovix.bench=true");
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setServerConfig("synchronous_commit", "off").start()) {
            Flyway.configure().dataSource(pg.getPostgresDatabase()).locations("classpath:db/migration").load().migrate();
            Connection c = oneConnection(pg).getConnection();
            Connection inserts = Forwarding.except(c, "isWrapperFor", false); // not PostgreSQL's: INSERTs
            UUID tenant = UUID.randomUUID();
            ChainCursor copyChain = new ChainCursor(UUID.randomUUID());
            ChainCursor insertChain = new ChainCursor(UUID.randomUUID());
            for (int round = 0; round < 2; round++) { // the first round warms the JIT
                for (int k : new int[] {1, 2, 4, 8, 16, 32, 64}) {
                    int batches = Math.max(200, 4000 / k);
                    double[] us = new double[2];
                    double[] pgUs = new double[2];
                    for (int way = 0; way < 2; way++) {
                        long pg0 = postgresCpuNanos(pg.getPort());
                        Connection conn = way == 0 ? c : inserts;
                        ChainCursor chain = way == 0 ? copyChain : insertChain;
                        long t0 = System.nanoTime();
                        for (int b = 0; b < batches; b++) {
                            List<AuditEntry> batch = new ArrayList<>(k);
                            for (int i = 0; i < k; i++) {
                                batch.add(entry(tenant, i % 2 == 0 ? Phase.ADMISSION : Phase.OUTCOME));
                            }
                            AuditBatch.write(conn, batch, chain, "bench", null);
                        }
                        us[way] = (System.nanoTime() - t0) / 1e3 / batches;
                        pgUs[way] = (postgresCpuNanos(pg.getPort()) - pg0) / 1e3 / batches;
                    }
                    System.out.printf("batch of %d: COPY %.0f us (PostgreSQL CPU %.0f us), INSERT %.0f us (%.0f us) per batch%n", k,
                            us[0], pgUs[0], us[1], pgUs[1]);
                }
            }
        }
    }

    /**
     * One kept connection, as Liberty's pool gives the writer, with the datasource's setting
     * (reWriteBatchedInserts): a fresh connection per commit would measure PostgreSQL's fork and sign-in.
     */
    private static DataSource oneConnection(EmbeddedPostgres pg) throws SQLException {
        PGSimpleDataSource plain = (PGSimpleDataSource) pg.getPostgresDatabase();
        plain.setReWriteBatchedInserts(true);
        Connection unclosable = Forwarding.except(plain.getConnection(), "close", null);
        return (DataSource) Proxy.newProxyInstance(DataSource.class.getClassLoader(), new Class<?>[] {DataSource.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("getConnection")) {
                        return unclosable;
                    }
                    return method.invoke(plain, args);
                });
    }

    /** CPU time of the PostgreSQL server listening on {@code port}: its postmaster and every backend it forked. */
    private static long postgresCpuNanos(int port) throws IOException {
        long postmaster = -1;
        Map<Long, long[]> stats = new HashMap<>(); // pid -> {ppid, utime + stime in ticks}
        try (DirectoryStream<Path> procs = Files.newDirectoryStream(Path.of("/proc"), "[0-9]*")) {
            for (Path proc : procs) {
                try {
                    String stat = Files.readString(proc.resolve("stat"));
                    String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
                    long pid = Long.parseLong(proc.getFileName().toString());
                    stats.put(pid, new long[] {Long.parseLong(f[1]), Long.parseLong(f[11]) + Long.parseLong(f[12])});
                    String cmd = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
                    if (cmd.contains("postgres") && cmd.contains("-p " + port)) {
                        postmaster = pid;
                    }
                } catch (IOException | RuntimeException gone) {
                    // a process that ended while being read
                }
            }
        }
        long ticks = 0;
        for (var e : stats.entrySet()) {
            if (e.getKey() == postmaster || e.getValue()[0] == postmaster) {
                ticks += e.getValue()[1];
            }
        }
        return ticks * 10_000_000L; // USER_HZ is 100 on Linux
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
