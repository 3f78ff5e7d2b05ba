package io.novix.core.routing.control;

import io.novix.core.routing.entity.CircuitBreaker;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;

/** One circuit breaker per endpoint URL, published as the gauge {@code novix_breaker_state} (0 closed, 1 half-open, 2 open). */
@OneInstance
public class Breakers {

    @Inject
    @ConfigProperty(name = "novix.breaker.failures", defaultValue = "3")
    int threshold;

    @Inject
    @ConfigProperty(name = "novix.breaker.open-for", defaultValue = "PT300S")
    Duration openFor;

    @Inject
    MetricRegistry registry;

    Clock clock = Clock.systemUTC();

    private final Map<URI, CircuitBreaker> breakers = new ConcurrentHashMap<>();

    public CircuitBreaker of(URI endpoint) {
        return breakers.computeIfAbsent(endpoint, e -> {
            CircuitBreaker b = new CircuitBreaker(threshold, openFor);
            registry.gauge("novix.breaker.state", () -> b.state(clock.instant()).ordinal(), new Tag("endpoint", e.toString()));
            return b;
        });
    }

    public java.time.Instant now() {
        return clock.instant();
    }

    /** Every known endpoint's state, for the health check. */
    public Map<String, String> states() {
        Map<String, String> states = new TreeMap<>();
        breakers.forEach((url, b) -> states.put(url.toString(), b.state(clock.instant()).name()));
        return states;
    }
}
