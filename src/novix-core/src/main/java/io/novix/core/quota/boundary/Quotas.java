package io.novix.core.quota.boundary;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Refusal;
import io.novix.core.policy.entity.CredentialLimit;
import io.novix.core.policy.entity.EffectivePolicy;
import io.novix.core.quota.control.Lease;
import io.novix.core.quota.control.LeasePool;
import io.novix.core.quota.control.LimitLedger;
import io.novix.core.quota.entity.Limit;
import io.novix.core.tenant.entity.TenantId;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A tenant's limits, exact across instances (docs/limits.md): before a call, one request and the
 * most it can use — tokens, and money at the price table's rates — are taken from the tenant's
 * counters for the current minute, day and month; after it, what it did not use goes back and
 * what it used beyond goes on. Nothing is taken that the counters in PostgreSQL do not grant.
 */
@OneInstance
public class Quotas {

    private static final BigDecimal MICRO = BigDecimal.valueOf(1_000_000);

    @Inject
    LeasePool pool;

    @Inject
    io.novix.core.quota.control.LimitLedger ledger;

    @Inject
    jakarta.enterprise.inject.Instance<org.eclipse.microprofile.metrics.MetricRegistry> registries;

    @Inject
    @ConfigProperty(name = "novix.limits.minute-window", defaultValue = "PT1M")
    Duration minuteWindow;

    /** The most a call can use, known before it runs: tokens (prompt bound + max output) and USD. */
    public record Demand(long tokens, BigDecimal maxCostUsd) {
    }

    /** What one call took; {@link #settle} gives back or charges the difference with what it used. */
    public static final class Hold {
        private record Taken(Limit limit, Lease lease, long amount) {
        }

        private final List<Taken> taken = new ArrayList<>();
        private final Map<String, String> headers;
        private boolean settled;

        private Hold(Map<String, String> headers) {
            this.headers = headers;
        }

        /** {@code RateLimit-Policy} and {@code RateLimit} (draft-ietf-httpapi-ratelimit-headers) as of admission. */
        public Map<String, String> headers() {
            return headers;
        }
    }

    /**
     * The tenant's money counter for the month of {@code at}, in USD: what calls were charged plus
     * what instances hold leased for calls to come (so it is never below what was spent).
     */
    public BigDecimal committedSpendUsd(TenantId tenant, Instant at) {
        Instant start = Limit.BUDGET_PER_MONTH.periodStart(at, minuteWindow);
        return BigDecimal.valueOf(ledger.used(Limit.BUDGET_PER_MONTH.key("t:" + tenant), start)).divide(MICRO);
    }

    /** Takes what the call may use, or refuses: 429 rate_limited, 403 token_quota_exceeded, 402 budget_exceeded. */
    public Hold admit(TenantId tenant, EffectivePolicy policy, Instant at, Demand demand) {
        return admit(tenant, policy, null, null, at, demand);
    }

    /**
     * As {@link #admit(TenantId, EffectivePolicy, Instant, Demand)}, and within the sub-limits its
     * tenant admin set for the calling credential ({@code principal}), counted on their own counters.
     */
    public Hold admit(TenantId tenant, EffectivePolicy policy, String principal, CredentialLimit sub, Instant at, Demand demand) {
        List<Hold.Taken> taken = new ArrayList<>();
        List<String> policies = new ArrayList<>();
        List<String> states = new ArrayList<>();
        List<Map.Entry<String, Map.Entry<Limit, Long>>> all = new ArrayList<>();
        limits(policy).entrySet().forEach(e -> all.add(Map.entry("t:" + tenant, e)));
        if (sub != null && sub.requestsPerMinute() != null) {
            all.add(Map.entry("t:" + tenant + ":p:" + principal, Map.entry(Limit.REQUESTS_PER_MINUTE, (long) sub.requestsPerMinute())));
        }
        if (sub != null && sub.tokensPerMinute() != null) {
            all.add(Map.entry("t:" + tenant + ":p:" + principal, Map.entry(Limit.TOKENS_PER_MINUTE, sub.tokensPerMinute())));
        }
        try {
            for (Map.Entry<String, Map.Entry<Limit, Long>> owned : all) {
                Map.Entry<Limit, Long> e = owned.getValue();
                boolean credential = !owned.getKey().equals("t:" + tenant);
                Limit limit = e.getKey();
                long quota = limit.perWindow(e.getValue(), minuteWindow);
                long amount = switch (limit) {
                    case REQUESTS_PER_MINUTE -> 1;
                    case BUDGET_PER_MONTH -> micro(demand.maxCostUsd());
                    default -> demand.tokens();
                };
                Instant start = limit.periodStart(at, minuteWindow);
                Instant end = limit.periodEnd(start, minuteWindow);
                Lease lease = pool.of(limit.key(owned.getKey()), start, end);
                if (amount > 0 && !lease.take(amount, quota)) {
                    if (limit.perMinute()) {
                        policies.add("\"" + limit.label() + "\";q=" + quota + ";w=" + Math.max(1, minuteWindow.toSeconds()));
                        states.add("\"" + limit.label() + "\";r=0;t=" + secondsUntil(at, end));
                    }
                    refused(limit);
                    throw refusal(limit, quota, at, end, policies, states);
                }
                taken.add(new Hold.Taken(limit, lease, amount));
                if (limit.perMinute() && !credential) {
                    long w = Math.max(1, minuteWindow.toSeconds());
                    policies.add("\"" + limit.label() + "\";q=" + quota + ";w=" + w);
                    states.add("\"" + limit.label() + "\";r=" + lease.remaining(quota) + ";t=" + secondsUntil(at, end));
                }
            }
        } catch (Refusal | LimitLedger.LedgerUnavailable e) {
            taken.forEach(t -> t.lease().putBack(t.amount()));
            if (e instanceof LimitLedger.LedgerUnavailable) {
                throw new Refusal(ErrorCode.LIMITS_UNAVAILABLE, "the tenant's limits cannot be checked right now; retry later");
            }
            throw e;
        }
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("RateLimit-Policy", String.join(", ", policies));
        headers.put("RateLimit", String.join(", ", states));
        Hold hold = new Hold(Map.copyOf(headers));
        hold.taken.addAll(taken);
        return hold;
    }

    /** The call used {@code tokens} and cost {@code costUsd}: the rest of what it took goes back. Once only. */
    public void settle(Hold hold, long tokens, BigDecimal costUsd) {
        synchronized (hold) {
            if (hold.settled) {
                return;
            }
            hold.settled = true;
        }
        for (Hold.Taken t : hold.taken) {
            long used = switch (t.limit()) {
                case REQUESTS_PER_MINUTE -> t.amount();
                case BUDGET_PER_MONTH -> micro(costUsd);
                default -> tokens;
            };
            try {
                if (used < t.amount()) {
                    t.lease().putBack(t.amount() - used);
                } else if (used > t.amount()) {
                    t.lease().force(used - t.amount());
                }
            } catch (RuntimeException e) {
                // the counter keeps what was reserved: the tenant is charged the reservation, never less
            }
        }
    }

    private static Map<Limit, Long> limits(EffectivePolicy p) {
        Map<Limit, Long> limits = new LinkedHashMap<>();
        limits.put(Limit.REQUESTS_PER_MINUTE, (long) p.requestsPerMinute());
        if (p.tokensPerMinute() != null) {
            limits.put(Limit.TOKENS_PER_MINUTE, p.tokensPerMinute());
        }
        if (p.tokensPerDay() != null) {
            limits.put(Limit.TOKENS_PER_DAY, p.tokensPerDay());
        }
        if (p.tokensPerMonth() != null) {
            limits.put(Limit.TOKENS_PER_MONTH, p.tokensPerMonth());
        }
        if (p.budgetUsdPerMonth() != null) {
            limits.put(Limit.BUDGET_PER_MONTH, micro(p.budgetUsdPerMonth()));
        }
        return limits;
    }

    /** Limiter state for the metrics: which limit refused calls ({@code novix_limit_refusals_total{limit}}). */
    private void refused(Limit limit) {
        if (registries != null && registries.isResolvable()) {
            registries.get().counter("novix.limit.refusals", new org.eclipse.microprofile.metrics.Tag("limit", limit.label())).inc();
        }
    }

    private static Refusal refusal(Limit limit, long quota, Instant at, Instant end, List<String> policies, List<String> states) {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Retry-After", String.valueOf(secondsUntil(at, end)));
        if (!policies.isEmpty()) {
            headers.put("RateLimit-Policy", String.join(", ", policies));
            headers.put("RateLimit", String.join(", ", states));
        }
        String message = switch (limit) {
            case REQUESTS_PER_MINUTE -> "the tenant's requests per minute (" + quota + " in this window) are spent";
            case TOKENS_PER_MINUTE -> "the tenant's tokens per minute (" + quota + " in this window) would be exceeded";
            case TOKENS_PER_DAY -> "the tenant's tokens for today (" + quota + ") would be exceeded";
            case TOKENS_PER_MONTH -> "the tenant's tokens for this month (" + quota + ") would be exceeded";
            case BUDGET_PER_MONTH -> "the tenant's budget for this month would be exceeded by this call";
        };
        return new Refusal(limit.refusal(), message, null, headers);
    }

    private static long secondsUntil(Instant at, Instant end) {
        return Math.max(1, (Duration.between(at, end).toMillis() + 999) / 1000);
    }

    private static long micro(BigDecimal usd) {
        return usd == null ? 0 : usd.multiply(MICRO).setScale(0, RoundingMode.UP).longValueExact();
    }
}
