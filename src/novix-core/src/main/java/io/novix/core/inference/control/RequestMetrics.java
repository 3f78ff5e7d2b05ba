package io.novix.core.inference.control;

import io.novix.hf.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.Counter;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;
import org.eclipse.microprofile.metrics.Timer;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** Request counters, latency and token totals, published at /metrics. */
@ApplicationScoped
public class RequestMetrics {

    @Inject
    MetricRegistry registry;

    /** Metric handles are looked up once per label set: the registry lookup is not free. */
    private final Map<String, Counter> counters = new ConcurrentHashMap<>();
    private final Map<String, Timer> timers = new ConcurrentHashMap<>();

    public void observe(String action, int status, long elapsedNanos, Usage usage) {
        counter("novix.requests", action, "status", String.valueOf(status)).inc();
        timers.computeIfAbsent(action, a -> registry.timer("novix.request.duration", new Tag("action", a)))
                .update(Duration.ofNanos(elapsedNanos));
        if (usage.totalTokens() > 0) {
            counter("novix.tokens", action, "direction", "in").inc(usage.promptTokens());
            counter("novix.tokens", action, "direction", "out").inc(usage.completionTokens());
        }
    }

    private Counter counter(String name, String action, String tag, String value) {
        return counters.computeIfAbsent(name + '|' + action + '|' + tag + '|' + value,
                k -> registry.counter(name, new Tag("action", action), new Tag(tag, value)));
    }
}
