package io.novix.core.routing.boundary;

import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import io.novix.core.routing.control.Breakers;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * How many upstream circuit breakers are in each state. Always UP: one model's open breaker must
 * not take the whole gateway out of the load balancer; failover handles it. Health is public on
 * the API listener (Liberty serves it there), so it names no endpoint: which breaker is open is in
 * the gauge novix_breaker_state at /metrics, which needs the Reader role.
 */
@Readiness
@OneInstance
public class BreakerHealth implements HealthCheck {

    @Inject
    Breakers breakers;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("upstream-breakers").up();
        Map<String, Long> counts = breakers.states().values().stream()
                .collect(Collectors.groupingBy(state -> state, TreeMap::new, Collectors.counting()));
        counts.forEach(b::withData);
        return b.build();
    }
}
