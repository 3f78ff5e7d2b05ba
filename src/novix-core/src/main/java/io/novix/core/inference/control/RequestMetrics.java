package io.novix.core.inference.control;

import io.novix.core.inference.entity.Call;
import io.novix.hf.Usage;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.Histogram;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Request counters, latency, tokens, cost, cache results and batch sizes, published at /metrics
 * (Prometheus format; alert rules in docs/alerts). The {@code tenant} label is bounded: the first
 * {@code NOVIX_METRICS_TENANTS} tenants an instance sees are named (by slug), every later one is
 * {@code other}, so no tenant count can blow up the series a Prometheus server keeps.
 */
@OneInstance
public class RequestMetrics {

    static final String OTHER = "other";

    @Inject
    MetricRegistry registry;

    @Inject
    @ConfigProperty(name = "NOVIX_METRICS_TENANTS", defaultValue = "100")
    int namedTenants;

    /** Metric handles are looked up once per label set: the registry lookup is not free. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();
    private final Set<String> named = ConcurrentHashMap.newKeySet();
    private volatile Histogram batchSizes;

    public void observe(String action, int status, long elapsedNanos, Usage usage) {
        observe(action, null, status, elapsedNanos, usage, null);
    }

    /** One settled call: its tenant (slug, or null before authentication), status, time, tokens and cost. */
    public void observe(String action, String tenantSlug, int status, long elapsedNanos, Usage usage, java.math.BigDecimal costUsd) {
        String tenant = tenantLabel(tenantSlug);
        counter("novix.requests", action, tenant, "status", String.valueOf(status)).inc();
        timers.computeIfAbsent(action, a -> registry.timer("novix.request.duration", new Tag("action", a)))
                .update(Duration.ofNanos(elapsedNanos));
        if (usage.totalTokens() > 0) {
            counter("novix.tokens", action, tenant, "direction", "in").inc(usage.promptTokens());
            counter("novix.tokens", action, tenant, "direction", "out").inc(usage.completionTokens());
        }
        if (costUsd != null && costUsd.signum() > 0) { // micro-dollars: a counter counts whole units
            counter("novix.cost.microusd", action, tenant, "kind", "upstream").inc(costUsd.movePointRight(6).longValue());
        }
    }

    /** How a cacheable call used the response cache (hit, miss, bypass), and what hits saved. */
    public void cache(Call call, String tenantSlug) {
        Call.CacheUse use = call.cacheUse();
        if (use == null) {
            return;
        }
        String tenant = tenantLabel(tenantSlug);
        counter("novix.cache", call.action(), tenant, "result", use.header()).inc();
        if (use.saved() != null && use.saved().signum() > 0) {
            counter("novix.cost.microusd", call.action(), tenant, "kind", "saved-by-cache").inc(use.saved().movePointRight(6).longValue());
        }
    }

    /** The inputs of one batched upstream call (request batching). */
    public void batch(int inputs) {
        Histogram h = batchSizes;
        if (h == null) {
            h = registry.histogram("novix.batch.size");
            batchSizes = h;
        }
        h.update(inputs);
    }

    /** The tenant's own label while fewer than the bound have been named; {@code other} after. */
    String tenantLabel(String slug) {
        if (slug == null) {
            return "none";
        }
        if (named.contains(slug)) {
            return slug;
        }
        synchronized (named) {
            if (named.size() < namedTenants) {
                named.add(slug);
                return slug;
            }
        }
        return OTHER;
    }

    private Counter counter(String name, String action, String tenant, String tag, String value) {
        return counters.computeIfAbsent(name + '|' + action + '|' + tenant + '|' + tag + '|' + value,
                k -> registry.counter(name, new Tag("action", action), new Tag("tenant", tenant), new Tag(tag, value)));
    }
}
