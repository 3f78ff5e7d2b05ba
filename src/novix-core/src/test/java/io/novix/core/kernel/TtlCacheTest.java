package io.novix.core.kernel;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;

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
}
