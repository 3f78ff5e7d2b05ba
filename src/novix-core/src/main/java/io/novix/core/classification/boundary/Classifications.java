package io.novix.core.classification.boundary;

import io.novix.core.classification.control.ClassificationStore;
import io.novix.core.classification.entity.ClassificationPolicy;
import io.novix.core.classification.entity.ClassificationRule;
import io.novix.core.classification.entity.TenantClassification;
import io.novix.core.kernel.CacheGauges;
import io.novix.core.kernel.TtlCache;
import io.novix.core.tenant.boundary.Tenants;
import io.novix.core.tenant.entity.TenantId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's data classifications (docs/audit.md#data-classification): what callers may label their
 * requests with ({@code X-Data-Classification}), the default label, and the rules that keep labelled
 * data to some models and regions. Settings reach every instance within {@link #FOLLOW}.
 */
@OneInstance
public class Classifications {

    /** Reloads cached rows in use before they expire, off the callers' path (see {@link TtlCache}). */
    @Resource
    ManagedExecutorService refresher;

    static final Duration FOLLOW = Duration.ofSeconds(2);

    /** Loads and refreshes of the caches below, at /metrics. */
    @Inject
    CacheGauges gauges;

    @Inject
    ClassificationStore store;

    @Inject
    Tenants tenants;

    private TtlCache<UUID, TenantClassification> settings;

    /** The settings as an administrator reads and writes them. */
    public record View(UUID tenantId, List<String> builtIn, String defaultLabel, List<String> labels, List<ClassificationRule> rules,
                       Instant updatedAt) {
    }

    @PostConstruct
    void init() {
        settings = new TtlCache<>(FOLLOW, 10_000, store::find, refresher);
        gauges.watch("classification-settings", settings);
    }

    /** What a tenant's calls are labelled and checked with (cached for seconds). */
    public ClassificationPolicy of(TenantId tenant) {
        return settings.find(tenant.value()).map(TenantClassification::policy).orElse(ClassificationPolicy.STANDARD);
    }

    public View view(TenantId tenant) {
        tenants.find(tenant.value());
        var row = store.find(tenant.value());
        return view(tenant.value(), row.map(TenantClassification::policy).orElse(ClassificationPolicy.STANDARD),
                row.map(TenantClassification::updatedAt).orElse(null));
    }

    /** Replaces the tenant's settings (validated by {@link ClassificationPolicy}). */
    public View set(TenantId tenant, ClassificationPolicy policy) {
        tenants.find(tenant.value());
        TenantClassification saved = store.save(tenant.value(), policy);
        settings.invalidate(tenant.value());
        return view(tenant.value(), saved.policy(), saved.updatedAt());
    }

    private static View view(UUID tenant, ClassificationPolicy p, Instant updatedAt) {
        return new View(tenant, ClassificationPolicy.BUILT_IN, p.defaultLabel() == null ? ClassificationPolicy.DEFAULT : p.defaultLabel(),
                p.customLabels(), p.rules(), updatedAt);
    }
}
