package io.novix.core.audit.boundary;

import io.novix.core.audit.entity.ServiceLevel;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.ejb.ConcurrencyManagement;
import jakarta.ejb.ConcurrencyManagementType;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import io.novix.core.kernel.Periodic;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.metrics.MetricRegistry;
import org.eclipse.microprofile.metrics.Tag;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.logging.Logger;

/**
 * Every {@code NOVIX_SLA_ROLLUP_INTERVAL} (30 s) rolls the settled audit rows up into daily SLA
 * counts (one instance at a time) and publishes each tenant's 30-day availability and remaining
 * error budget as gauges: {@code novix_tenant_availability_percent{tenant}},
 * {@code novix_tenant_error_budget_remaining{tenant}}.
 */
@Startup
@Singleton
@ConcurrencyManagement(ConcurrencyManagementType.BEAN)
public class ServiceLevelRollup {

    private static final Logger LOG = Logger.getLogger(ServiceLevelRollup.class.getName());

    @Inject
    ServiceLevels levels;

    @Inject
    MetricRegistry registry;

    @Resource
    ManagedScheduledExecutorService scheduler;

    @Inject
    @ConfigProperty(name = "NOVIX_SLA_ROLLUP_INTERVAL", defaultValue = "PT30S")
    Duration interval;

    /** How long after it occurred an audit row is taken as committed. */
    @Inject
    @ConfigProperty(name = "NOVIX_SLA_SETTLE", defaultValue = "PT1M")
    Duration settle;

    private final Map<UUID, ServiceLevel> latest = new ConcurrentHashMap<>();
    private Periodic ticking;

    @PostConstruct
    void start() {
        ticking = Periodic.every(scheduler, interval, this::tick, LOG, "service levels");
    }

    @PreDestroy
    void stop() {
        if (ticking != null) {
            ticking.close();
        }
    }

    /** One round; on failure the watermark did not move, so the next round rolls the same rows up. */
    void tick() {
        Instant now = Instant.now();
        levels.rollUp(now.minus(settle));
        levels.all(now).forEach((tenant, level) -> {
            if (latest.put(tenant, level) == null) {
                Tag tag = new Tag("tenant", tenant.toString());
                registry.gauge("novix.tenant.availability.percent", () -> latest.get(tenant).availabilityPercent().doubleValue(), tag);
                registry.gauge("novix.tenant.error.budget.remaining", () -> latest.get(tenant).errorBudgetRemaining().doubleValue(), tag);
            }
        });
    }
}
