package io.novix.hf;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with "equal jitter": half fixed, half random, capped. */
final class Backoff {

    private final Duration base;
    private final Duration max;

    Backoff(Duration base, Duration max) {
        this.base = base;
        this.max = max;
    }

    /** Delay before retry number {@code retry} (1-based), or the upstream's own hint when it gave one. */
    Duration before(int retry, HfFailure failure) {
        if (failure.retryAfter().isPresent()) {
            Duration hint = failure.retryAfter().get();
            return hint.compareTo(max) > 0 ? max : hint;
        }
        long ceiling = Math.min(max.toMillis(), base.toMillis() << Math.min(retry - 1, 20));
        long half = ceiling / 2;
        return Duration.ofMillis(half + ThreadLocalRandom.current().nextLong(half + 1));
    }
}
