package io.novix.core.quota.control;

import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import io.novix.core.kernel.OneInstance;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import jakarta.inject.Inject;

import java.time.Instant;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * This instance's leases, one per counter and period. Leases idle for a second hand what they hold
 * back to PostgreSQL, so another instance can use it; at shutdown all do. Leases of ended periods
 * are dropped (what they held was never used, so the tenant was under-admitted by it at most).
 */
@OneInstance
public class LeasePool {

    private static final Logger LOG = Logger.getLogger(LeasePool.class.getName());
    private static final long IDLE_NANOS = 1_000_000_000L;

    @Inject
    LimitLedger ledger;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    jakarta.enterprise.inject.Instance<org.eclipse.microprofile.metrics.MetricRegistry> registries;

    private record Id(String key, Instant period) {
    }

    private final Map<Id, Lease> leases = new ConcurrentHashMap<>();
    private ScheduledFuture<?> sweeping;

    @PostConstruct
    void start() {
        if (registries != null && registries.isResolvable()) { // limiter state: the open leases this instance holds
            registries.get().gauge("novix.limits.leases", leases::size);
        }
        if (scheduler != null) {
            sweeping = scheduler.scheduleWithFixedDelay(this::sweep, 500, 500, TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (sweeping != null) {
            sweeping.cancel(false);
        }
        leases.values().forEach(this::handBack);
        leases.clear();
    }

    public Lease of(String key, Instant period, Instant periodEnd) {
        return leases.computeIfAbsent(new Id(key, period), id -> new Lease(key, period, periodEnd, ledger));
    }

    void sweep() {
        Instant now = Instant.now();
        leases.entrySet().removeIf(e -> e.getValue().over(now));
        for (Lease lease : leases.values()) {
            if (lease.idleFor(IDLE_NANOS)) {
                handBack(lease);
            }
        }
    }

    private void handBack(Lease lease) {
        try {
            lease.handBack();
        } catch (RuntimeException e) {
            LOG.log(Level.WARNING, "could not hand a lease back (it stays unused until its period ends): {0}", e.toString());
        }
    }
}
