package io.novix.core.audit.control;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;

class TokenTouchesTest {

    private final UUID a = UUID.randomUUID();
    private final UUID b = UUID.randomUUID();
    private final Instant t0 = Instant.parse("2026-12-06T10:00:00Z");

    @Test
    void aTokenIsWrittenOnceASecondWhileOthersAreWrittenAtFirstUse() {
        TokenTouches touches = new TokenTouches();
        Map<UUID, Instant> first = touches.due(Map.of(a, t0));
        assertEquals(Map.of(a, t0), first);
        touches.committed(first);
        // within the grain: a is skipped, b (never written) is due
        assertEquals(Map.of(b, t0.plusMillis(10)), touches.due(Map.of(a, t0.plusMillis(999), b, t0.plusMillis(10))));
        // a full grain after its last write: due again
        assertEquals(Map.of(a, t0.plusSeconds(1)), touches.due(Map.of(a, t0.plusSeconds(1))));
    }

    @Test
    void aBatchThatWasNotCommittedLeavesItsTokensDue() {
        TokenTouches touches = new TokenTouches();
        touches.due(Map.of(a, t0)); // computed, but the batch rolled back: committed() never called
        assertEquals(Map.of(a, t0.plusMillis(5)), touches.due(Map.of(a, t0.plusMillis(5))));
    }
}
