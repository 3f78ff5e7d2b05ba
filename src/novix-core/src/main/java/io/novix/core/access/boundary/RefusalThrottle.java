package io.novix.core.access.boundary;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import io.novix.core.audit.boundary.AuditTrail;
import io.novix.core.audit.entity.AuditEntry;
import io.novix.core.tenant.entity.TenantId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedScheduledExecutorService;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.concurrent.locks.ReadWriteLock;
import java.util.concurrent.locks.ReentrantReadWriteLock;

/**
 * Throttles refused traffic (hardening class 4). Every refused credential spends from a budget of
 * its client address and, when the credential names one, of its tenant (token buckets, Bucket4j).
 * Once either budget is spent, further refusals are answered 429 {@code too_many_refusals} and
 * audited as one row per address, action and code per window with the exact count
 * ({@code occurrences}), so a flood cannot grow the audit table without bound. Genuine credentials
 * are still checked and served from a throttled address (a NAT may hide both), and never spend. Per instance: a flood split across N instances gets
 * at most N budgets, which bounds the work, not a tenant's quota.
 */
@OneInstance
public class RefusalThrottle {

    /** What the throttled answers are counted by. */
    private record Key(String address, String action, String code) {
    }

    @Inject
    @ConfigProperty(name = "novix.throttle.address-burst", defaultValue = "30")
    int addressBurst;

    @Inject
    @ConfigProperty(name = "novix.throttle.address-per-minute", defaultValue = "60")
    int addressPerMinute;

    @Inject
    @ConfigProperty(name = "novix.throttle.tenant-burst", defaultValue = "300")
    int tenantBurst;

    @Inject
    @ConfigProperty(name = "novix.throttle.tenant-per-minute", defaultValue = "600")
    int tenantPerMinute;

    @Inject
    @ConfigProperty(name = "novix.throttle.audit-window", defaultValue = "PT10S")
    Duration window;

    /**
     * How long a throttled inference answer is held before it is sent. A client that floods with
     * bad credentials waits on each connection instead of sending the next request at once, so its
     * connections, not Novix's CPU, bound its rate; the wait holds no thread (a scheduled completion).
     */
    @Inject
    @ConfigProperty(name = "novix.throttle.tarpit", defaultValue = "PT0.5S")
    Duration tarpit;

    @Inject
    AuditTrail audit;

    @Resource
    ManagedScheduledExecutorService scheduler;

    private Cache<String, Bucket> addresses;
    private Cache<UUID, Bucket> tenants;
    /** Counts of the current window; swapped whole at each flush under the write lock, so no count is lost. */
    private Map<Key, LongAdder> throttled = new ConcurrentHashMap<>();
    private final ReadWriteLock swap = new ReentrantReadWriteLock();
    private volatile Instant windowStart = Instant.now();
    private ScheduledFuture<?> flushing;

    @PostConstruct
    void start() {
        addresses = Caffeine.newBuilder().maximumSize(200_000).expireAfterAccess(Duration.ofMinutes(10))
                .executor(Runnable::run).build();
        tenants = Caffeine.newBuilder().maximumSize(100_000).expireAfterAccess(Duration.ofMinutes(10))
                .executor(Runnable::run).build();
        if (scheduler != null) {
            flushing = scheduler.scheduleWithFixedDelay(this::flush, window.toMillis(), window.toMillis(), TimeUnit.MILLISECONDS);
        }
    }

    @PreDestroy
    void stop() {
        if (flushing != null) {
            flushing.cancel(false);
        }
        flush();
    }

    /**
     * A refused credential from {@code address}, naming {@code tenant} when it could: spends from
     * both budgets. False when either was already spent: answer 429 and count it in the aggregate.
     */
    public boolean refused(String address, TenantId tenant) {
        boolean byAddress = address == null || addresses.get(address, a -> bucket(addressBurst, addressPerMinute)).tryConsume(1);
        boolean byTenant = tenant == null || tenants.get(tenant.value(), t -> bucket(tenantBurst, tenantPerMinute)).tryConsume(1);
        return byAddress && byTenant;
    }

    /** {@code answer}, completed after the tarpit delay (at once when there is none). */
    public <T> CompletableFuture<T> afterTarpit(T answer) {
        if (scheduler == null || tarpit.isZero() || tarpit.isNegative()) {
            return CompletableFuture.completedFuture(answer);
        }
        CompletableFuture<T> held = new CompletableFuture<>();
        scheduler.schedule(() -> held.complete(answer), tarpit.toMillis(), TimeUnit.MILLISECONDS);
        return held;
    }

    /** Seconds until the address may be heard again, for {@code Retry-After}. */
    public long retryAfterSeconds(String address) {
        Bucket bucket = address == null ? null : addresses.getIfPresent(address);
        long nanos = bucket == null ? 0 : bucket.estimateAbilityToConsume(1).getNanosToWaitForRefill();
        return Math.max(1, TimeUnit.NANOSECONDS.toSeconds(nanos) + 1);
    }

    /** A request answered 429 because of the throttle: counted, and audited in the window's aggregate row. */
    public void throttled(String address, String action, String code) {
        Key key = new Key(address == null ? "unknown" : address, action, code);
        swap.readLock().lock();
        try {
            throttled.computeIfAbsent(key, k -> new LongAdder()).increment();
        } finally {
            swap.readLock().unlock();
        }
    }

    /** Writes one row per address, action and code for the window that ends now; counts are exact. */
    public void flush() {
        Map<Key, LongAdder> ended;
        Instant start;
        swap.writeLock().lock();
        try {
            ended = throttled;
            throttled = new ConcurrentHashMap<>();
            start = windowStart;
            windowStart = Instant.now();
        } finally {
            swap.writeLock().unlock();
        }
        ended.forEach((k, count) -> audit.record(AuditEntry.throttled(start, "throttle-" + UUID.randomUUID(), k.address(),
                k.action(), k.code(), (int) Math.min(Integer.MAX_VALUE, count.sum()))));
    }

    private static Bucket bucket(int burst, int perMinute) {
        return Bucket.builder().addLimit(Bandwidth.builder().capacity(burst)
                .refillGreedy(perMinute, Duration.ofMinutes(1)).build()).build();
    }
}
