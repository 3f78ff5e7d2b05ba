package io.novix.core.serviceaccount.control;

import io.novix.core.serviceaccount.boundary.ServiceAccounts;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Service accounts as JWT verification needs them, cached like API tokens ({@code novix.token.cache-ttl}):
 * disabling an account is seen by every instance within the TTL, so its JWTs stop working too.
 */
@ApplicationScoped
public class AccountCache {

    private record Entry(Optional<AccountSnapshot> account, long loadedAtNanos) {
    }

    private final ConcurrentHashMap<UUID, Entry> entries = new ConcurrentHashMap<>();

    @Inject
    ServiceAccounts store;

    @Inject
    @ConfigProperty(name = "novix.token.cache-ttl", defaultValue = "PT2S")
    Duration ttl;

    public Optional<AccountSnapshot> find(UUID id) {
        long now = System.nanoTime();
        Entry entry = entries.get(id);
        if (entry == null || now - entry.loadedAtNanos() > ttl.toNanos()) {
            if (entries.size() >= 100_000) {
                entries.clear();
            }
            entry = new Entry(store.snapshot(id), now);
            entries.put(id, entry);
        }
        return entry.account();
    }

    public void invalidate(UUID id) {
        entries.remove(id);
    }
}
