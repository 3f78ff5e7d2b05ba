package io.novix.core.inference.control;

import io.novix.core.inference.entity.Call;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Refusal;

import io.novix.core.tenant.entity.Tier;
import io.novix.core.identity.entity.Caller;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Caps each tenant's inference calls in flight, so one tenant's slow model cannot take every
 * connection and streaming thread from the others. A full bulkhead refuses at once (429) rather
 * than queueing: a queue would only move the wait into the gateway. The defaults follow the
 * tiers' request rates at about two seconds a call.
 */
@OneInstance
public class Bulkheads {

    @Inject
    @ConfigProperty(name = "novix.bulkhead.standard", defaultValue = "400")
    int standard;

    @Inject
    @ConfigProperty(name = "novix.bulkhead.enterprise", defaultValue = "4000")
    int enterprise;

    @Inject
    @ConfigProperty(name = "novix.bulkhead.government", defaultValue = "20000")
    int government;

    private final Map<UUID, AtomicInteger> inFlight = new ConcurrentHashMap<>();

    public int limit(Tier tier) {
        return switch (tier) {
            case STANDARD -> standard;
            case ENTERPRISE -> enterprise;
            case GOVERNMENT -> government;
        };
    }

    /**
     * The admission stage: takes a place in the caller's tenant's bulkhead, held by the call until
     * it is settled; a tenant at its limit is refused 429 with nothing sent upstream.
     */
    public void admit(Call call, Caller caller) {
        if (!enter(caller)) {
            throw new Refusal(ErrorCode.CONCURRENCY_LIMIT_EXCEEDED, "the tenant already has " + limit(caller.tier())
                    + " inference calls in flight; retry when some have finished", null, Map.of("Retry-After", "1"));
        }
        call.hold(() -> leave(caller));
    }

    /** Takes a place for the caller's tenant; false when the tenant is at its limit. */
    public boolean enter(Caller caller) {
        AtomicInteger count = inFlight.computeIfAbsent(caller.tenantId(), id -> new AtomicInteger());
        int limit = limit(caller.tier());
        while (true) {
            int now = count.get();
            if (now >= limit) {
                return false;
            }
            if (count.compareAndSet(now, now + 1)) {
                return true;
            }
        }
    }

    public void leave(Caller caller) {
        inFlight.get(caller.tenantId()).decrementAndGet();
    }

    public int inFlight(UUID tenant) {
        AtomicInteger count = inFlight.get(tenant);
        return count == null ? 0 : count.get();
    }
}
