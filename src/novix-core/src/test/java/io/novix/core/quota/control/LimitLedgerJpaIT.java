package io.novix.core.quota.control;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import jakarta.persistence.EntityManagerFactory;
import jakarta.persistence.Persistence;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.sql.DataSource;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Limits exact across instances, at the level of the counters: three lease pools (three Novix
 * instances) on one PostgreSQL, many threads each, take permits under one limit. Together they
 * never take more than the limit, and — handing back what they hold when idle — take all of it.
 */
class LimitLedgerJpaIT {

    private static EmbeddedPostgres pg;
    private static DataSource ds;

    @BeforeAll
    static void start() throws Exception {
        pg = EmbeddedPostgres.builder().start();
        ds = pg.getPostgresDatabase();
        EntityManagerFactory emf = Persistence.createEntityManagerFactory("novix", Map.of( // migrates the schema
                "jakarta.persistence.transactionType", "RESOURCE_LOCAL",
                "jakarta.persistence.nonJtaDataSource", ds,
                "hibernate.transaction.jta.platform", "org.hibernate.engine.transaction.jta.platform.internal.NoJtaPlatform"));
        emf.close();
    }

    @AfterAll
    static void stop() throws Exception {
        pg.close();
    }

    private static LeasePool instance() {
        LimitLedger ledger = new LimitLedger();
        ledger.dataSource = ds;
        LeasePool pool = new LeasePool();
        pool.ledger = ledger;
        return pool;
    }

    private static long used(String key, Instant period) throws Exception {
        try (Connection c = ds.getConnection(); Statement s = c.createStatement();
             ResultSet rs = s.executeQuery("SELECT used FROM limit_counter WHERE limit_key = '" + key + "' AND period_start = '"
                     + period + "'")) {
            return rs.next() ? rs.getLong(1) : 0;
        }
    }

    @Test
    void threeInstancesNeverTakeMoreThanTheLimitAndTakeAllOfIt() throws Exception {
        List<LeasePool> instances = List.of(instance(), instance(), instance());
        String key = "t:" + UUID.randomUUID() + ":rpm";
        Instant period = Instant.parse("2026-12-02T10:00:00Z");
        Instant end = period.plusSeconds(60);
        long limit = 500;
        AtomicLong admitted = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(24);
        CountDownLatch go = new CountDownLatch(1);
        List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            LeasePool instance = instances.get(i % 3);
            clients.add(pool.submit(() -> {
                go.await();
                for (int n = 0; n < 60; n++) { // 24 × 60 = 1,440 attempts at a limit of 500
                    if (instance.of(key, period, end).take(1, limit)) {
                        admitted.incrementAndGet();
                    }
                }
                return null;
            }));
        }
        go.countDown();
        for (Future<?> f : clients) {
            f.get();
        }
        pool.shutdown();
        assertTrue(admitted.get() <= limit, "admitted " + admitted.get() + " > limit " + limit);
        assertEquals(limit, used(key, period), "the counter is exactly spent");
        // what the instances still hold goes back (idle sweep or shutdown); then it is all taken
        instances.forEach(LeasePool::stop);
        long more = 0;
        LeasePool late = instance();
        while (late.of(key, period, end).take(1, limit)) {
            more++;
        }
        assertEquals(limit, admitted.get() + more, "nothing stranded: admitted + handed back = the limit");
    }

    @Test
    void reservationsSettleToWhatWasUsedAndNeverOverspend() throws Exception {
        List<LeasePool> instances = List.of(instance(), instance(), instance());
        String key = "t:" + UUID.randomUUID() + ":usd";
        Instant period = Instant.parse("2026-12-01T00:00:00Z");
        Instant end = Instant.parse("2027-01-01T00:00:00Z");
        long budget = 1_000_000; // one dollar, in micro-USD
        AtomicLong spent = new AtomicLong();
        ExecutorService pool = Executors.newFixedThreadPool(24);
        List<Future<?>> clients = new ArrayList<>();
        for (int i = 0; i < 24; i++) {
            LeasePool instance = instances.get(i % 3);
            Random random = new Random(i);
            clients.add(pool.submit(() -> {
                for (int n = 0; n < 40; n++) {
                    long reserve = 5_000 + random.nextInt(20_000);  // the most a call can cost
                    long used = random.nextInt((int) reserve + 1); // what it cost
                    Lease lease = instance.of(key, period, end);
                    if (lease.take(reserve, budget)) {
                        lease.putBack(reserve - used);
                        spent.addAndGet(used);
                    }
                }
                return null;
            }));
        }
        for (Future<?> f : clients) {
            f.get();
        }
        pool.shutdown();
        instances.forEach(LeasePool::stop);
        assertTrue(spent.get() <= budget, "spent " + spent.get() + " > budget " + budget);
        assertEquals(spent.get(), used(key, period), "the counter holds exactly what was spent once leases are handed back");
        assertTrue(spent.get() >= budget - 25_000, "the budget is used up to less than one call's reservation: " + spent.get());
    }
}
