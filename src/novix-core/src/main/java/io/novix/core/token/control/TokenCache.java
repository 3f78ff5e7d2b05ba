package io.novix.core.token.control;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Keeps token rows in memory for a short time so the request path does not query PostgreSQL on
 * every call. Revocation on this instance invalidates at once; other instances see it within the
 * TTL ({@code novix.token.cache-ttl}, default 2 s). Unknown prefixes are cached too, so random
 * tokens cannot hammer the database.
 */
@ApplicationScoped
public class TokenCache {

    private record Entry(Optional<TokenSnapshot> token, long loadedAtNanos) {
    }

    private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();

    @Inject
    TokenStore store;

    @Inject
    @ConfigProperty(name = "novix.token.cache-ttl", defaultValue = "PT2S")
    Duration ttl;

    @Inject
    @ConfigProperty(name = "novix.token.cache-max-entries", defaultValue = "100000")
    int maxEntries;

    public Optional<TokenSnapshot> find(String prefix) {
        long now = System.nanoTime();
        Entry entry = entries.get(prefix);
        if (entry == null || now - entry.loadedAtNanos() > ttl.toNanos()) {
            if (entries.size() >= maxEntries) {
                entries.clear(); // crude but bounded; the TTL makes this rare
            }
            entry = new Entry(store.byPrefix(prefix), now);
            entries.put(prefix, entry);
        }
        return entry.token();
    }

    public void invalidate(String prefix) {
        entries.remove(prefix);
    }
}
