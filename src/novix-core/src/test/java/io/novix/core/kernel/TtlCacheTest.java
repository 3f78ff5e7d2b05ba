package io.novix.core.kernel;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hardening class 4: a flood of made-up credentials neither evicts genuine ones nor reaches the database twice. */
class TtlCacheTest {

    @Test
    void aFloodOfUnknownKeysNeverEvictsAGenuineOne() {
        AtomicInteger loads = new AtomicInteger();
        TtlCache<String, String> cache = new TtlCache<>(Duration.ofMinutes(5), 1_000, key -> {
            loads.incrementAndGet();
            return key.startsWith("genuine") ? Optional.of("row-" + key) : Optional.empty();
        });
        for (int i = 0; i < 100; i++) {
            assertEquals(Optional.of("row-genuine" + i), cache.find("genuine" + i));
        }
        for (int i = 0; i < 200_000; i++) { // two hundred times the cache's size in one-off keys
            cache.find("random-" + UUID.randomUUID());
        }
        int before = loads.get();
        for (int i = 0; i < 100; i++) {
            assertEquals(Optional.of("row-genuine" + i), cache.find("genuine" + i));
        }
        assertEquals(before, loads.get(), "every genuine entry was still cached: no database lookup");
    }

    @Test
    void aMissIsRememberedAndInvalidationIsImmediate() {
        AtomicInteger loads = new AtomicInteger();
        String[] row = {null};
        TtlCache<String, String> cache = new TtlCache<>(Duration.ofMinutes(5), 100, key -> {
            loads.incrementAndGet();
            return Optional.ofNullable(row[0]);
        });
        assertTrue(cache.find("k").isEmpty());
        assertTrue(cache.find("k").isEmpty());
        assertEquals(1, loads.get());
        row[0] = "now";
        cache.invalidate("k");
        assertEquals(Optional.of("now"), cache.find("k"));
    }

    /** A key in use is reloaded off the caller's path, once however many callers read it, and never served older than the TTL. */
    @Test
    void aKeyInUseIsRefreshedAheadOfExpiryOncePerHalfLife() {
        AtomicLong now = new AtomicLong();
        java.util.ArrayDeque<Runnable> queued = new java.util.ArrayDeque<>();
        AtomicInteger loads = new AtomicInteger();
        String[] row = {"v1"};
        TtlCache<String, String> cache = new TtlCache<>(Duration.ofSeconds(2), 100, key -> {
            loads.incrementAndGet();
            return Optional.ofNullable(row[0]);
        }, queued::add, now::get);
        assertEquals(Optional.of("v1"), cache.find("k"));
        now.set(Duration.ofMillis(900).toNanos());
        cache.find("k");
        assertEquals(0, cache.reloadDue());
        assertTrue(queued.isEmpty(), "young entries are not refreshed");
        now.set(Duration.ofMillis(1_100).toNanos());
        row[0] = "v2";
        for (int i = 0; i < 50; i++) {
            assertEquals(Optional.of("v1"), cache.find("k"), "callers go on with what they have");
        }
        assertTrue(queued.isEmpty(), "no caller hands a reload to the executor");
        assertEquals(1, cache.reloadDue());
        assertEquals(1, queued.size(), "one refresh however many callers");
        assertEquals(1, loads.get(), "no caller read the database");
        next(cache, queued).run();
        assertEquals(Optional.of("v2"), cache.find("k"));
        now.set(Duration.ofMillis(3_000).toNanos()); // 1.9 s after the refresh: still within the TTL
        assertEquals(Optional.of("v2"), cache.find("k"));
        assertEquals(2, loads.get());
        assertEquals(1, cache.reloadDue());
        assertEquals(1, queued.size(), "and it is due again");
        queued.clear();
        now.set(Duration.ofMillis(5_200).toNanos()); // the refresh never ran: the entry expired and is read on the path
        row[0] = "v3";
        assertEquals(Optional.of("v3"), cache.find("k"));
        assertEquals(3, loads.get());
    }

    @Test
    void aRefreshNeverOverwritesAnInvalidationAndFollowsAKeyThatAppearsOrGoes() {
        AtomicLong now = new AtomicLong();
        java.util.ArrayDeque<Runnable> queued = new java.util.ArrayDeque<>();
        String[] row = {"old"};
        TtlCache<String, String> cache = new TtlCache<>(Duration.ofSeconds(2), 100, key -> Optional.ofNullable(row[0]),
                queued::add, now::get);
        cache.find("k");
        now.set(Duration.ofMillis(1_500).toNanos());
        cache.find("k");
        Runnable refresh = next(cache, queued);
        row[0] = "changed-here";
        cache.invalidate("k"); // a change on this instance while the refresh (which read "old") is in flight
        row[0] = "old";
        refresh.run();
        row[0] = "changed-here";
        assertEquals(Optional.of("changed-here"), cache.find("k"), "the invalidation stands: the next read loads");

        now.addAndGet(Duration.ofMillis(1_500).toNanos());
        cache.find("k");
        row[0] = null; // revoked elsewhere
        next(cache, queued).run();
        assertTrue(cache.find("k").isEmpty(), "a refresh that finds nothing makes the key a miss");
        now.addAndGet(Duration.ofMillis(1_500).toNanos());
        cache.find("k");
        row[0] = "back";
        next(cache, queued).run();
        assertEquals(Optional.of("back"), cache.find("k"), "and a miss that appears is found");
    }

    /** The counts behind novix_cache_*: loads on a caller's path, refreshes, failed ones, and ones that came back too late. */
    @Test
    void itCountsLoadsOnTheCallersPathAndRefreshesThatFailOrComeTooLate() {
        AtomicLong now = new AtomicLong();
        java.util.ArrayDeque<Runnable> queued = new java.util.ArrayDeque<>();
        boolean[] failing = {false};
        TtlCache<String, String> cache = new TtlCache<>(Duration.ofSeconds(2), 100, key -> {
            if (failing[0]) {
                throw new IllegalStateException("database down");
            }
            return Optional.of("v");
        }, queued::add, now::get);
        cache.find("k");
        cache.find("k");
        assertEquals(new TtlCache.Counts(1, 0, 0, 0), cache.counts(), "one load, then hits");

        now.set(Duration.ofMillis(1_100).toNanos());
        cache.find("k");
        next(cache, queued).run();
        assertEquals(new TtlCache.Counts(1, 1, 0, 0), cache.counts(), "a refresh in time is no load");

        now.set(Duration.ofMillis(2_300).toNanos());
        cache.find("k");
        now.set(Duration.ofMillis(3_200).toNanos()); // the queued refresh has not run and its entry expired
        cache.find("k");
        assertEquals(2, cache.counts().loads(), "so a caller loads on its path");
        next(cache, queued).run();
        assertEquals(new TtlCache.Counts(2, 2, 0, 1), cache.counts(), "and the refresh, when it returns, is late");

        now.set(Duration.ofMillis(4_400).toNanos());
        cache.find("k");
        failing[0] = true;
        next(cache, queued).run();
        assertEquals(new TtlCache.Counts(2, 3, 1, 1), cache.counts(), "a failed refresh");
    }

    /**
     * Refreshes one half-life apart keep a key in use out of the callers' path for good. Caffeine moves an
     * entry's write time only when an update comes more than a second after the last one (its expiration
     * tolerance), so with a 2 s TTL a refresh one second after the last left the write time where it was
     * and the entry expired under its callers (bench/probes/profile.sh counted 17-20 token reads on
     * callers' paths in 20-30 s under steady load).
     */
    @Test
    void refreshesOneHalfLifeApartNeverLetAKeyInUseExpire() {
        AtomicLong now = new AtomicLong();
        java.util.ArrayDeque<Runnable> queued = new java.util.ArrayDeque<>();
        AtomicInteger loads = new AtomicInteger();
        TtlCache<String, String> cache = new TtlCache<>(Duration.ofSeconds(2), 100, key -> {
            loads.incrementAndGet();
            return Optional.of("v" + now.get());
        }, queued::add, now::get);
        cache.find("k");
        for (long ms = 1; ms <= 20_000; ms++) { // a call every millisecond; a refresh returns within the millisecond
            now.set(Duration.ofMillis(ms).toNanos());
            assertTrue(cache.find("k").isPresent());
            Runnable refresh = next(cache, queued);
            if (refresh != null) {
                refresh.run();
            }
        }
        assertEquals(0, cache.counts().loads() - 1, "only the first read was on a caller's path");
        assertTrue(cache.counts().refreshes() >= 19, "and the entry was reloaded about once a second");
    }

    /** Callers that miss one key at once wait for one database read; a failure reaches every one of them. */
    @Test
    void concurrentMissesOfOneKeyReadTheDatabaseOnce() throws Exception {
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        AtomicInteger loads = new AtomicInteger();
        boolean[] failing = {false};
        TtlCache<String, String> cache = new TtlCache<>(Duration.ofMinutes(5), 100, key -> {
            loads.incrementAndGet();
            try {
                release.await();
            } catch (InterruptedException e) {
                throw new IllegalStateException(e);
            }
            if (failing[0]) {
                throw new IllegalStateException("database down");
            }
            return Optional.of("row-" + key);
        });
        java.util.concurrent.ExecutorService callers = java.util.concurrent.Executors.newFixedThreadPool(16);
        try {
            java.util.List<java.util.concurrent.Future<Optional<String>>> answers = new java.util.ArrayList<>();
            for (int i = 0; i < 16; i++) {
                answers.add(callers.submit(() -> cache.find("k")));
            }
            while (loads.get() == 0) {
                Thread.onSpinWait(); // the first caller is inside the loader; the others find it loading or loaded
            }
            release.countDown();
            for (var answer : answers) {
                assertEquals(Optional.of("row-k"), answer.get());
            }
            assertEquals(1, loads.get(), "one read for sixteen callers");
            assertEquals(1, cache.counts().loads());

            failing[0] = true;
            cache.invalidate("k");
            java.util.List<java.util.concurrent.Future<Optional<String>>> failed = new java.util.ArrayList<>();
            for (int i = 0; i < 8; i++) {
                failed.add(callers.submit(() -> cache.find("k")));
            }
            for (var answer : failed) {
                var e = org.junit.jupiter.api.Assertions.assertThrows(java.util.concurrent.ExecutionException.class, answer::get);
                assertEquals("database down", e.getCause().getMessage(), "the loader's own exception, not a wrapper");
            }
            failing[0] = false;
            assertEquals(Optional.of("row-k"), cache.find("k"), "a failed read is not kept");
        } finally {
            callers.shutdownNow();
        }
    }

    /** A read that an invalidation overtook is not kept: the next caller reads again. */
    @Test
    void aLoadOvertakenByAnInvalidationIsNotKept() throws Exception {
        java.util.concurrent.CountDownLatch inside = new java.util.concurrent.CountDownLatch(1);
        java.util.concurrent.CountDownLatch release = new java.util.concurrent.CountDownLatch(1);
        String[] row = {"before"};
        AtomicInteger loads = new AtomicInteger();
        TtlCache<String, String> cache = new TtlCache<>(Duration.ofMinutes(5), 100, key -> {
            String seen = row[0];
            if (loads.incrementAndGet() == 1) {
                inside.countDown();
                try {
                    release.await();
                } catch (InterruptedException e) {
                    throw new IllegalStateException(e);
                }
            }
            return Optional.of(seen);
        });
        java.util.concurrent.ExecutorService caller = java.util.concurrent.Executors.newSingleThreadExecutor();
        try {
            var first = caller.submit(() -> cache.find("k"));
            inside.await();
            row[0] = "after"; // revoked, say, and invalidated while the first read is in flight
            cache.invalidate("k");
            release.countDown();
            assertEquals(Optional.of("before"), first.get(), "the overtaken read answers its own caller");
            assertEquals(Optional.of("after"), cache.find("k"), "but it was not kept");
            assertEquals(2, loads.get());
        } finally {
            caller.shutdownNow();
        }
    }

    /** What the reload pass hands the executor next (CacheReloads runs it every 100 ms in the container). */
    private static Runnable next(TtlCache<?, ?> cache, java.util.ArrayDeque<Runnable> queued) {
        cache.reloadDue();
        return queued.poll();
    }
}
