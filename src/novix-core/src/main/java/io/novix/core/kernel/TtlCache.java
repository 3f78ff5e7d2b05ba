package io.novix.core.kernel;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Rows the request path needs on every call, kept in memory for a short time (misses too, so
 * random credentials cannot hammer the database). Bounded: when full it starts over, which the
 * short TTL makes rare. Changes on this instance invalidate at once; other instances see them
 * within the TTL.
 */
public final class TtlCache<K, V> {

    private record Entry<V>(Optional<V> value, long loadedAtNanos) {
    }

    private final ConcurrentHashMap<K, Entry<V>> entries = new ConcurrentHashMap<>();
    private final Function<K, Optional<V>> loader;
    private final long ttlNanos;
    private final int maxEntries;

    public TtlCache(Duration ttl, int maxEntries, Function<K, Optional<V>> loader) {
        this.ttlNanos = ttl.toNanos();
        this.maxEntries = maxEntries;
        this.loader = loader;
    }

    public Optional<V> find(K key) {
        long now = System.nanoTime();
        Entry<V> entry = entries.get(key);
        if (entry == null || now - entry.loadedAtNanos() > ttlNanos) {
            if (entries.size() >= maxEntries) {
                entries.clear();
            }
            entry = new Entry<>(loader.apply(key), now);
            entries.put(key, entry);
        }
        return entry.value();
    }

    public void invalidate(K key) {
        entries.remove(key);
    }
}
