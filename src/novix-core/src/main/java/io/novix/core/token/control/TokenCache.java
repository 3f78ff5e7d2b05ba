package io.novix.core.token.control;

import io.novix.core.kernel.CacheGauges;
import io.novix.core.kernel.TtlCache;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;

/**
 * Token rows by prefix, cached for {@code novix.token.cache-ttl} (default 2 s): revocation on this
 * instance is seen at once, on other instances within the TTL.
 */
@OneInstance
public class TokenCache {

    /** Reloads cached rows in use before they expire, off the callers' path (see {@link TtlCache}). */
    @Resource
    ManagedExecutorService refresher;

    /** Loads and refreshes of the caches below, at /metrics. */
    @Inject
    CacheGauges gauges;

    @Inject
    TokenStore store;

    @Inject
    @ConfigProperty(name = "novix.token.cache-ttl", defaultValue = "PT2S")
    Duration ttl;

    @Inject
    @ConfigProperty(name = "novix.token.cache-max-entries", defaultValue = "100000")
    int maxEntries;

    private TtlCache<String, TokenSnapshot> cache;

    @PostConstruct
    void init() {
        cache = new TtlCache<>(ttl, maxEntries, store::byPrefix, refresher);
        gauges.watch("token", cache);
    }

    public Optional<TokenSnapshot> find(String prefix) {
        return cache.find(prefix);
    }

    public void invalidate(String prefix) {
        cache.invalidate(prefix);
    }
}
