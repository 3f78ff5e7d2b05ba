package io.novix.core.kernel;

import jakarta.enterprise.inject.Instance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.util.function.ToLongFunction;

/**
 * Publishes what each {@link TtlCache} on the request path does, at /metrics as
 * {@code novix_cache_loads{cache=...}} and its siblings. Loads are database reads on a caller's path:
 * under steady use of one key they should stay flat, as refresh-ahead keeps the entry (docs/scale.md).
 * A watched cache is also reloaded by {@link CacheReloads}.
 */
@OneInstance
public class CacheGauges {

    @Inject
    Instance<MetricRegistry> registries;

    @Inject
    CacheReloads reloads;

    /** Publishes the cache's counts and puts it on the reload pass (without which its entries only expire). */
    public void watch(String name, TtlCache<?, ?> cache) {
        if (reloads != null) {
            reloads.add(cache);
        }
        if (registries == null || !registries.isResolvable()) {
            return; // outside the container
        }
        MetricRegistry registry = registries.get();
        Tag tag = new Tag("cache", name);
        gauge(registry, "novix.cache.loads", cache, TtlCache.Counts::loads, tag);
        gauge(registry, "novix.cache.refreshes", cache, TtlCache.Counts::refreshes, tag);
        gauge(registry, "novix.cache.refresh.failures", cache, TtlCache.Counts::refreshFailures, tag);
        gauge(registry, "novix.cache.refresh.late", cache, TtlCache.Counts::refreshesTooLate, tag);
    }

    private static void gauge(MetricRegistry registry, String metric, TtlCache<?, ?> cache,
                              ToLongFunction<TtlCache.Counts> count, Tag tag) {
        registry.gauge(metric, cache, c -> count.applyAsLong(c.counts()), tag);
    }
}
