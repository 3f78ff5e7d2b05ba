package io.novix.core.routing.boundary;

import io.novix.core.routing.control.Breakers;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.HealthCheckResponseBuilder;
import org.eclipse.microprofile.health.Readiness;

/**
 * Shows each upstream endpoint's circuit-breaker state. Always UP: one model's open breaker must
 * not take the whole gateway out of the load balancer; failover handles it.
 */
@Readiness
@ApplicationScoped
public class BreakerHealth implements HealthCheck {

    @Inject
    Breakers breakers;

    @Override
    public HealthCheckResponse call() {
        HealthCheckResponseBuilder b = HealthCheckResponse.named("upstream-breakers").up();
        breakers.states().forEach(b::withData);
        return b.build();
    }
}
