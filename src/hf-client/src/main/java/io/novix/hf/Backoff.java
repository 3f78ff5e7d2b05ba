package io.novix.hf;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with "equal jitter": half fixed, half random, capped. */
final class Backoff {

    private final Duration base;
    private final Duration max;
    private final Duration hintCap;

    /** {@code hintCap}: the longest an upstream's own Retry-After / estimated_time is honoured. */
    Backoff(Duration base, Duration max, Duration hintCap) {
        this.base = base;
        this.max = max;
        this.hintCap = hintCap;
    }

    /** Delay before retry number {@code retry} (1-based), or the upstream's own hint when it gave one. */
    Duration before(int retry, HfFailure failure) {
        if (failure.retryAfter().isPresent()) {
            Duration hint = failure.retryAfter().get();
            return hint.compareTo(hintCap) > 0 ? hintCap : hint;
        }
        long ceiling = Math.min(max.toMillis(), base.toMillis() << Math.min(retry - 1, 20));
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
