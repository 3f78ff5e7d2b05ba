package io.novix.core.cache.boundary;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Expiry;
import io.novix.core.cache.control.CacheSettingsStore;
import io.novix.core.cache.control.ResponseStore;
import io.novix.core.cache.entity.CacheKey;
import io.novix.core.cache.entity.CachePolicy;
import io.novix.core.cache.entity.CachedAnswer;
import io.novix.core.cache.entity.TenantCache;
import io.novix.core.keys.boundary.DataKeys;
import io.novix.core.kernel.Periodic;
import io.novix.core.kernel.CacheGauges;
import io.novix.core.kernel.TtlCache;
import io.novix.core.tenant.boundary.Tenants;
import io.novix.core.tenant.entity.ComplianceProfile;
import io.novix.core.tenant.entity.TenantId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import java.sql.SQLException;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The response cache (docs/cost-levers.md#response-cache): exact-match answers, shared by every
 * instance through PostgreSQL (sealed under the tenant's data key, bound to their key) with a
 * bounded copy in each instance's memory (Caffeine, at most 64 MiB of answers, each kept no longer
 * than it lives in PostgreSQL). An answer is shared once it is asked for again (its first hit):
 * requests that never repeat cost no write. A tenant's entries are keyed by the tenant: never
 * another's. A cache that cannot be read or written is a miss, never an error.
 */
@OneInstance
public class ResponseCache {

    private static final Logger LOG = Logger.getLogger(ResponseCache.class.getName());
    static final Duration FOLLOW = Duration.ofSeconds(2);
    private static final long MEMORY_BYTES = 64L * 1024 * 1024;

    /** Loads and refreshes of the caches below, at /metrics. */
    @Inject
    CacheGauges gauges;

    @Inject
    ResponseStore store;

    @Inject
    CacheSettingsStore settingsStore;

    @Inject
    DataKeys keys;

    @Inject
    Tenants tenants;

    @Resource
    ManagedExecutorService executor;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private Cache<CacheKey, CachedAnswer> memory;
    /** Answers kept here but not yet in PostgreSQL: shared at their first hit. */
    private final java.util.Set<CacheKey> unshared = java.util.concurrent.ConcurrentHashMap.newKeySet();
    private TtlCache<UUID, TenantCache> settings;
    private Periodic purging;

    /** The settings as an administrator reads them: the effective policy and whether it is the tenant's own. */
    public record View(UUID tenantId, CachePolicy policy, String source, Instant updatedAt) {
    }

    @PostConstruct
    void init() {
        memory = Caffeine.newBuilder().executor(Runnable::run).removalListener((CacheKey k, CachedAnswer a, com.github.benmanes.caffeine.cache.RemovalCause c) -> {
                    if (c.wasEvicted()) {
                        unshared.remove(k);
                    }
                }).maximumWeight(MEMORY_BYTES).weigher((CacheKey k, CachedAnswer a) -> a.body().length + 256)
                .expireAfter(new Expiry<CacheKey, CachedAnswer>() {
                    @Override
                    public long expireAfterCreate(CacheKey k, CachedAnswer a, long now) {
                        return Math.max(0, Duration.between(Instant.now(), a.expiresAt()).toNanos());
                    }

                    @Override
                    public long expireAfterUpdate(CacheKey k, CachedAnswer a, long now, long current) {
                        return expireAfterCreate(k, a, now);
                    }

                    @Override
                    public long expireAfterRead(CacheKey k, CachedAnswer a, long now, long current) {
                        return current;
                    }
                }).build();
        settings = new TtlCache<>(FOLLOW, 10_000, settingsStore::find, executor);
        gauges.watch("response-cache-settings", settings);
        purging = Periodic.every(scheduler, Duration.ofMinutes(1), this::purge, LOG, "response cache purge");
    }

    @PreDestroy
    void stop() {
        if (purging != null) {
            purging.close();
        }
    }

    /** The tenant's cache settings: its own, or its compliance profile's default (cached for seconds). */
    public CachePolicy policyOf(TenantId tenant, ComplianceProfile profile) {
        return settings.find(tenant.value()).map(TenantCache::policy).orElse(CachePolicy.defaultFor(profile));
    }

    /** The answer cached under {@code key}: from memory, else from PostgreSQL (then kept in memory too). */
    public Optional<CachedAnswer> find(CacheKey key) {
        CachedAnswer near = memory.getIfPresent(key);
        if (near != null && near.expiresAt().isAfter(Instant.now())) {
            if (unshared.remove(key)) { // asked for again: worth a row the other instances can read
                share(key, near);
            }
            return Optional.of(near);
        }
        try {
            Optional<ResponseStore.Row> row = store.find(key);
            if (row.isEmpty()) {
                return Optional.empty();
            }
            ResponseStore.Row r = row.get();
            byte[] body = keys.open(TenantId.of(key.tenant()), r.answer(), binding(key));
            CachedAnswer answer = new CachedAnswer(r.model(), body, r.tokensIn(), r.tokensOut(), r.costUsd(), r.storedAt(), r.expiresAt());
            memory.put(key, answer);
            return Optional.of(answer);
        } catch (SQLException | java.security.GeneralSecurityException | RuntimeException e) {
            LOG.log(Level.WARNING, "response cache: an entry could not be read; answered as a miss ({0})", e.getClass().getSimpleName());
            return Optional.empty();
        }
    }

    /** Keeps an answer for {@code ttl} in memory; it reaches PostgreSQL, for the other instances, when it is hit. */
    public void keep(CacheKey key, String model, byte[] body, long tokensIn, long tokensOut, java.math.BigDecimal costUsd, Duration ttl) {
        Instant now = Instant.now();
        memory.put(key, new CachedAnswer(model, body, tokensIn, tokensOut, costUsd, now, now.plus(ttl)));
        unshared.add(key);
    }

    private void share(CacheKey key, CachedAnswer answer) {
        executor.execute(() -> {
            try {
                store.put(key, new ResponseStore.Row(answer.model(), keys.seal(TenantId.of(key.tenant()), answer.body(), binding(key)),
                        answer.tokensIn(), answer.tokensOut(), answer.costUsd(), answer.storedAt(), answer.expiresAt()));
            } catch (SQLException | RuntimeException e) {
                LOG.log(Level.WARNING, "response cache: an answer could not be shared with other instances ({0})",
                        e.getClass().getSimpleName());
            }
        });
    }

    public View view(TenantId tenant, ComplianceProfile profile) {
        tenants.find(tenant.value());
        Optional<TenantCache> own = settingsStore.find(tenant.value());
        return new View(tenant.value(), own.map(TenantCache::policy).orElse(CachePolicy.defaultFor(profile)),
                own.isPresent() ? "tenant" : "profile", own.map(TenantCache::updatedAt).orElse(null));
    }

    public View set(TenantId tenant, CachePolicy policy) {
        tenants.find(tenant.value());
        TenantCache saved = settingsStore.save(tenant.value(), policy);
        settings.invalidate(tenant.value());
        return new View(tenant.value(), saved.policy(), "tenant", saved.updatedAt());
    }

    private void purge() {
        try {
            store.purgeExpired();
        } catch (SQLException e) {
            throw new IllegalStateException("response cache purge: " + e.getMessage(), e);
        }
    }

    /** The sealed answer is bound to its tenant and key: moved to another row, it does not open. */
    private static String binding(CacheKey key) {
        return "response_cache:" + key.hash();
    }
}
