package io.novix.core.kernel;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The pass hands every watched cache's due entries to its executor; callers never do. */
class CacheReloadsTest {

    @Test
    void onePassReloadsWhatCallersMarkedInEveryWatchedCache() {
        AtomicLong now = new AtomicLong();
        ArrayDeque<Runnable> queued = new ArrayDeque<>();
        AtomicLong version = new AtomicLong(1);
        TtlCache<String, Long> tokens = new TtlCache<>(Duration.ofSeconds(2), 100, k -> Optional.of(version.get()), queued::add, now::get);
        TtlCache<String, Long> policies = new TtlCache<>(Duration.ofSeconds(2), 100, k -> Optional.of(version.get()), queued::add, now::get);
        CacheGauges gauges = new CacheGauges();
        gauges.reloads = new CacheReloads();
        gauges.watch("token", tokens);
        gauges.watch("policy", policies);

        tokens.find("a");
        tokens.find("b");
        policies.find("a");
        now.set(Duration.ofMillis(1_200).toNanos());
        version.set(2);
        for (int i = 0; i < 100; i++) { // a hundred calls in the entries' second half-life
            tokens.find("a");
            tokens.find("b");
            policies.find("a");
        }
        assertTrue(queued.isEmpty(), "no caller handed a reload to the executor");
        assertEquals(3, gauges.reloads.pass(), "one reload per due entry, however many callers saw it due");
        assertEquals(0, gauges.reloads.pass(), "handed once");
        queued.forEach(Runnable::run);
        assertEquals(Optional.of(2L), tokens.find("a"));
        assertEquals(Optional.of(2L), policies.find("a"));
        now.set(Duration.ofMillis(3_100).toNanos()); // 1.9 s after the reload: served, never read on a caller's path
        assertEquals(Optional.of(2L), tokens.find("b"));
        assertEquals(new TtlCache.Counts(2, 2, 0, 0), tokens.counts());
    }
}
