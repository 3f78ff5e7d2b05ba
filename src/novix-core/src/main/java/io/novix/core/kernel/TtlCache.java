package io.novix.core.kernel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

/**
 * Rows the request path needs on every call (tokens, service accounts), kept in memory for a short
 * time. Misses are cached too, so random credentials cannot hammer the database, but in a cache of
 * their own: a flood of made-up keys can only evict other made-up keys, never a genuine entry.
 * Both are bounded (Caffeine, W-TinyLFU). Changes on this instance invalidate at once; other
 * instances see them within the TTL.
 */
public final class TtlCache<K, V> {

    private final Cache<K, V> found;
    private final Cache<K, Boolean> missing;
    private final Function<K, Optional<V>> loader;

    public TtlCache(Duration ttl, int maxEntries, Function<K, Optional<V>> loader) {
        this.loader = loader;
        // maintenance on the calling thread: no pool threads outside the container's control
        this.found = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(ttl).executor(Runnable::run).build();
        this.missing = Caffeine.newBuilder().maximumSize(Math.max(1_000, maxEntries / 10)).expireAfterWrite(ttl)
                .executor(Runnable::run).build();
    }

    public Optional<V> find(K key) {
        V known = found.getIfPresent(key);
        if (known != null) {
            return Optional.of(known);
        }
        if (missing.getIfPresent(key) != null) {
            return Optional.empty();
        }
        Optional<V> loaded = loader.apply(key);
        if (loaded.isPresent()) {
            found.put(key, loaded.get());
        } else {
            missing.put(key, Boolean.TRUE);
        }
        return loaded;
    }

    public void invalidate(K key) {
        found.invalidate(key);
        missing.invalidate(key);
    }
}
