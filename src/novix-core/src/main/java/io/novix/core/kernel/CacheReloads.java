package io.novix.core.kernel;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Logger;

/**
 * The pass that reloads the {@link TtlCache} entries callers marked due, every 100 ms on the
 * container's scheduler. Callers only mark an entry; handing its reload to the managed executor on
 * their own thread cost them 135-150 us p50 and 2.0-2.7 ms p99 (bench/RESULTS.md). With the 2 s TTLs
 * of the request path, an entry is due 1 s before it expires, so a pass 100 ms later leaves 0.9 s for
 * the read.
 */
@OneInstance
public class CacheReloads {

    static final Duration EVERY = Duration.ofMillis(100);

    private static final Logger LOG = Logger.getLogger(CacheReloads.class.getName());

    @Resource
    ManagedScheduledExecutorService scheduler;

    private final List<TtlCache<?, ?>> caches = new CopyOnWriteArrayList<>();
    private Periodic ticking;

    @PostConstruct
    void start() {
        ticking = Periodic.every(scheduler, EVERY, this::pass, LOG, "cache reloads");
    }

    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.close();
        }
    }

    void add(TtlCache<?, ?> cache) {
        caches.add(cache);
    }

    /** One pass over every cache; how many reloads it handed over. */
    int pass() {
        int handed = 0;
        for (TtlCache<?, ?> cache : caches) {
            handed += cache.reloadDue();
        }
        return handed;
    }
}
