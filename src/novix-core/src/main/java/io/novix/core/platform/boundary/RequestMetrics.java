package io.novix.core.platform.boundary;

import io.novix.hf.Usage;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;

/** Request counters, latency and token totals, published at /metrics. */
@ApplicationScoped
public class RequestMetrics {

    @Inject
    MetricRegistry registry;

    public void observe(String action, int status, long elapsedNanos, Usage usage) {
        Tag a = new Tag("action", action);
        Tag s = new Tag("status", String.valueOf(status));
        registry.counter("novix.requests", a, s).inc();
        registry.timer("novix.request.duration", a).update(Duration.ofNanos(elapsedNanos));
        if (usage.totalTokens() > 0) {
            registry.counter("novix.tokens", a, new Tag("direction", "in")).inc(usage.promptTokens());
            registry.counter("novix.tokens", a, new Tag("direction", "out")).inc(usage.completionTokens());
        }
    }
}
