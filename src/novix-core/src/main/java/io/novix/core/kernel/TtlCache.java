package io.novix.core.kernel;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import com.github.benmanes.caffeine.cache.Ticker;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * Rows the request path needs on every call (tokens, service accounts, policies), kept in memory for
 * a short time. Misses are cached too, so random credentials cannot hammer the database, but in a
 * cache of their own: a flood of made-up keys can only evict other made-up keys, never a genuine
 * entry. Both are bounded (Caffeine, W-TinyLFU). Changes on this instance invalidate at once; other
 * instances see them within the TTL.
 *
 * <p>With a refresher, an entry read in the second half of its life is marked due and reloaded on that
 * executor while callers go on with the one they have: a key in use never expires on a caller's path
 * (under load, expiry made every concurrent caller read the database at once, every TTL). A caller only
 * marks the entry; {@link #reloadDue()}, run by {@link CacheReloads} every 100 ms, hands it to the
 * executor (a hand-off to Liberty's managed executor cost the caller that made it 135-150 us p50 and
 * 2.0-2.7 ms p99, and one call in four made one: bench/RESULTS.md). Nothing served is
 * older than the TTL, counted from the entry's own read: an entry no refresh replaced expires as
 * before, and neither a refresh nor a read on a caller's path keeps what an invalidation overtook.
 * Callers that miss one key at once share one read. {@link #counts()} says how often the database was
 * read on a caller's path.
 */
public final class TtlCache<K, V> {

    private static final Logger LOG = Logger.getLogger(TtlCache.class.getName());

    /** A value and when it was read; compared by identity, so a refresh replaces only what it set out to. */
    private record Held<V>(V value, long readAt) {
    }

    /** An entry a caller found in the second half of its life, waiting for the next pass. */
    private record Due<K, V>(K key, Held<V> held) {
    }

    private final Cache<K, Held<V>> found;
    private final Cache<K, Held<V>> missing; // value null
    private final Function<K, Optional<V>> loader;
    private final Executor refresher;
    private final Ticker ticker;
    private final long refreshAfterNanos;
    private final long ttlNanos;
    private final Set<K> refreshing = ConcurrentHashMap.newKeySet(); // marked due until its refresh ends
    private final Queue<Due<K, V>> due = new ConcurrentLinkedQueue<>();
    private final Map<K, CompletableFuture<Optional<V>>> loading = new ConcurrentHashMap<>();
    private final LongAdder loads = new LongAdder();
    private final LongAdder refreshes = new LongAdder();
    private final LongAdder refreshFailures = new LongAdder();
    private final LongAdder refreshesTooLate = new LongAdder();

    /**
     * What the cache did since it started: reads of the database on a caller's path (a key not held, or
     * held past its TTL), refreshes run, refreshes that failed, and refreshes that came back after their
     * entry had expired (the executor or the database slower than half a TTL). {@link CacheGauges}
     * publishes them.
     */
    public record Counts(long loads, long refreshes, long refreshFailures, long refreshesTooLate) {
    }

    public TtlCache(Duration ttl, int maxEntries, Function<K, Optional<V>> loader) {
        this(ttl, maxEntries, loader, null, Ticker.systemTicker());
    }

    public TtlCache(Duration ttl, int maxEntries, Function<K, Optional<V>> loader, Executor refresher) {
        this(ttl, maxEntries, loader, refresher, Ticker.systemTicker());
    }

    TtlCache(Duration ttl, int maxEntries, Function<K, Optional<V>> loader, Executor refresher, Ticker ticker) {
        this.loader = loader;
        this.refresher = refresher;
        this.ticker = ticker;
        this.ttlNanos = ttl.toNanos();
        this.refreshAfterNanos = ttlNanos / 2;
        // maintenance on the calling thread: no pool threads outside the container's control
        Duration kept = ttl.multipliedBy(2).plusSeconds(1); // past any served life (see servable)
        this.found = Caffeine.newBuilder().maximumSize(maxEntries).expireAfterWrite(kept).ticker(ticker)
                .executor(Runnable::run).build();
        this.missing = Caffeine.newBuilder().maximumSize(Math.max(1_000, maxEntries / 10)).expireAfterWrite(kept).ticker(ticker)
                .executor(Runnable::run).build();
    }

    public Optional<V> find(K key) {
        Optional<V> held = held(key);
        return held != null ? held : load(key);
    }

    /** What is held for the key and may be served, or null (not an empty Optional: that is a cached miss). */
    private Optional<V> held(K key) {
        // read as Object and cast only what is there: a cast of a null that the profile never saw
        // (a miss, an expiry) made C2 throw this method's compiled code away again and again (JFR)
        Object known = found.asMap().get(key);
        if (known != null) {
            Held<V> held = cast(known);
            return servable(key, held) ? Optional.of(held.value()) : null;
        }
        Object absent = missing.asMap().get(key);
        return absent != null && servable(key, cast(absent)) ? Optional.empty() : null;
    }

    /**
     * One database read per key however many callers miss it at once (64 connections at start read a
     * token 64 times before); the others wait for it. A read that an invalidation overtook answers its own
     * caller but is not kept, and callers after the invalidation read again.
     */
    private Optional<V> load(K key) {
        CompletableFuture<Optional<V>> mine = new CompletableFuture<>();
        CompletableFuture<Optional<V>> running = loading.putIfAbsent(key, mine);
        if (running != null) {
            try {
                return running.join();
            } catch (CompletionException e) {
                throw e.getCause() instanceof RuntimeException failure ? failure : e;
            }
        }
        try {
            Optional<V> loaded = held(key); // a read that finished between this caller's miss and its turn
            if (loaded == null) {
                loads.increment();
                loaded = loader.apply(key);
                keep(key, mine, loaded);
            }
            mine.complete(loaded);
            return loaded;
        } catch (RuntimeException | Error e) {
            mine.completeExceptionally(e);
            throw e;
        } finally {
            loading.remove(key, mine);
        }
    }

    private void keep(K key, CompletableFuture<Optional<V>> mine, Optional<V> read) {
        Held<V> held = new Held<>(read.orElse(null), ticker.read());
        loading.computeIfPresent(key, (k, current) -> { // atomic with invalidate's removal of the mapping
            if (current == mine) {
                (read.isPresent() ? found : missing).put(key, held);
            }
            return current == mine ? null : current;
        });
    }

    @SuppressWarnings("unchecked")
    private static <V> Held<V> cast(Object held) {
        return (Held<V>) held;
    }

    public Counts counts() {
        return new Counts(loads.sum(), refreshes.sum(), refreshFailures.sum(), refreshesTooLate.sum());
    }

    public void invalidate(K key) {
        loading.remove(key);
        found.invalidate(key);
        missing.invalidate(key);
    }

    public void invalidateAll() {
        loading.clear();
        found.invalidateAll();
        missing.invalidateAll();
    }

    /**
     * Whether an entry may be served: younger than the TTL by its own read time. Caffeine's expiry only
     * bounds memory, at twice the TTL: it moves an entry's write time only on an update more than a
     * second after the last (its expiration tolerance), so with a 2 s TTL a refresh one half-life after
     * the last often left the old write time, and the entry expired under its callers (about one
     * database read on a caller's path per refresh, novix_cache_loads). Past half its life, the entry is
     * marked due, once, for the next {@link #reloadDue() pass}.
     */
    private boolean servable(K key, Held<V> held) {
        long age = ticker.read() - held.readAt();
        if (age >= ttlNanos) {
            return false;
        }
        if (refresher != null && age >= refreshAfterNanos && !refreshing.contains(key) && refreshing.add(key)) {
            due.offer(new Due<>(key, held));
        }
        return true;
    }

    /**
     * Hands every entry marked due to the refresher, off any caller's path; how many it handed over. An
     * entry whose refresh the executor refuses expires at its TTL and is read on a caller's path.
     */
    public int reloadDue() {
        int handed = 0;
        for (Due<K, V> next = due.poll(); next != null; next = due.poll()) {
            Due<K, V> d = next;
            try {
                refresher.execute(() -> refresh(d.key(), d.held()));
                handed++;
            } catch (RejectedExecutionException busy) {
                refreshing.remove(d.key());
            }
        }
        return handed;
    }

    private void refresh(K key, Held<V> held) {
        try {
            refreshes.increment();
            Optional<V> fresh = loader.apply(key);
            Held<V> now = new Held<>(fresh.orElse(null), ticker.read());
            if (now.readAt() - held.readAt() >= ttlNanos) {
                refreshesTooLate.increment(); // its entry expired meanwhile: a caller read the database on its path
            }
            boolean wasFound = held.value() != null;
            Cache<K, Held<V>> holder = wasFound ? found : missing;
            if (fresh.isPresent() == wasFound) {
                holder.asMap().replace(key, held, now);
            } else if (holder.asMap().remove(key, held)) {
                (wasFound ? missing : found).put(key, now);
            }
        } catch (RuntimeException e) {
            refreshFailures.increment();
            LOG.log(Level.FINE, "refresh failed; the entry expires at its TTL", e);
        } finally {
            refreshing.remove(key);
        }
    }
}
