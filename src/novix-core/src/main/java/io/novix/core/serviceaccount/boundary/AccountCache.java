package io.novix.core.serviceaccount.boundary;

import io.novix.core.serviceaccount.entity.AccountSnapshot;
import io.novix.core.kernel.CacheGauges;
import io.novix.core.kernel.TtlCache;
import io.novix.core.serviceaccount.boundary.ServiceAccounts;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;

/**
 * Service accounts as JWT verification needs them, cached like API tokens ({@code novix.token.cache-ttl}):
 * disabling an account is seen by every instance within the TTL, so its JWTs stop working too.
 */
@OneInstance
public class AccountCache {

    /** Reloads cached rows in use before they expire, off the callers' path (see {@link TtlCache}). */
    @Resource
    ManagedExecutorService refresher;

    /** Loads and refreshes of the caches below, at /metrics. */
    @Inject
    CacheGauges gauges;

    @Inject
    ServiceAccounts store;

    @Inject
    @ConfigProperty(name = "novix.token.cache-ttl", defaultValue = "PT2S")
    Duration ttl;

    private TtlCache<UUID, AccountSnapshot> cache;

    @PostConstruct
    void init() {
        cache = new TtlCache<>(ttl, 100_000, store::snapshot, refresher);
        gauges.watch("service-account", cache);
    }

    public Optional<AccountSnapshot> find(UUID id) {
        return cache.find(id);
    }

    public void invalidate(UUID id) {
        cache.invalidate(id);
    }
}
