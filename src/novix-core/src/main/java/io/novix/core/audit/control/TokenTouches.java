package io.novix.core.audit.control;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * When the writer last stored each token's {@code last_used_at}: a token in steady use is touched
 * once a second instead of in every commit (at 64 connections that update was one row change per
 * commit, about 250 a second, for a column shown to the second). The stored time trails the last
 * use by less than {@link #GRAIN}. Used by the writer thread only.
 */
final class TokenTouches {

    static final Duration GRAIN = Duration.ofSeconds(1);
    private static final int MAX_KNOWN = 100_000;

    private final Map<UUID, Instant> stored = new HashMap<>();

    /** The uses worth writing: a token not stored yet, or stored at least {@link #GRAIN} before this use. */
    Map<UUID, Instant> due(Map<UUID, Instant> lastUse) {
        Map<UUID, Instant> due = new HashMap<>();
        lastUse.forEach((token, at) -> {
            Instant before = stored.get(token);
            if (before == null || !at.isBefore(before.plus(GRAIN))) {
                due.put(token, at);
            }
        });
        return due;
    }

    /** After the commit that wrote them (a rolled-back batch leaves nothing recorded). */
    void committed(Map<UUID, Instant> written) {
        if (stored.size() + written.size() > MAX_KNOWN) {
            stored.clear(); // forgetting costs one extra update per token, never a missed one
        }
        stored.putAll(written);
    }
}
