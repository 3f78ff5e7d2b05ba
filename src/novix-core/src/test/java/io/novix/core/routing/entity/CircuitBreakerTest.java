package io.novix.core.routing.entity;

import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class CircuitBreakerTest {

    private final Instant t0 = Instant.parse("2026-11-23T10:00:00Z");
    private final CircuitBreaker breaker = new CircuitBreaker(3, Duration.ofSeconds(300));

    @Test
    void opensAfterThreeConsecutiveFailures() {
        breaker.failure(t0);
        breaker.failure(t0);
        assertTrue(breaker.allow(t0));
        breaker.failure(t0);
        assertEquals(CircuitBreaker.State.OPEN, breaker.state(t0));
        assertFalse(breaker.allow(t0.plusSeconds(299)));
    }

    @Test
    void successResetsTheCount() {
        breaker.failure(t0);
        breaker.failure(t0);
        breaker.success();
        breaker.failure(t0);
        breaker.failure(t0);
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state(t0));
    }

    @Test
    void halfOpensAfterTheWaitAndLetsOneTrialThrough() {
        for (int i = 0; i < 3; i++) {
            breaker.failure(t0);
        }
        Instant later = t0.plusSeconds(300);
        assertEquals(CircuitBreaker.State.HALF_OPEN, breaker.state(later));
        assertTrue(breaker.allow(later));
        assertFalse(breaker.allow(later), "only one trial at a time");
        breaker.failure(later);
        assertEquals(CircuitBreaker.State.OPEN, breaker.state(later.plusSeconds(1)), "a failed trial opens it again");
        Instant again = later.plusSeconds(300);
        assertTrue(breaker.allow(again));
        breaker.success();
        assertEquals(CircuitBreaker.State.CLOSED, breaker.state(again));
        assertTrue(breaker.allow(again));
    }
}
