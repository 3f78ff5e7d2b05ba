package io.novix.core.policy.boundary;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.CacheGauges;
import io.novix.core.kernel.TtlCache;
import io.novix.core.policy.control.PolicyStore;
import io.novix.core.policy.entity.CredentialLimit;
import io.novix.core.policy.entity.EffectivePolicy;
import io.novix.core.policy.entity.ModelPrice;
import io.novix.core.policy.entity.PolicyOverrides;
import io.novix.core.policy.entity.TenantPolicy;
import io.novix.core.tenant.boundary.Tenants;
import io.novix.core.tenant.entity.Tenant;
import io.novix.core.tenant.entity.TenantId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import java.math.BigDecimal;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Each tenant's effective policy (tier defaults + the platform admin's overrides) and the price
 * table. Both are read on every call, so they are cached; changes reach every instance within
 * {@link #FOLLOW}.
 */
@OneInstance
public class Policies {

    /** Reloads cached rows in use before they expire, off the callers' path (see {@link TtlCache}). */
    @Resource
    ManagedExecutorService refresher;

    static final Duration FOLLOW = Duration.ofSeconds(2);
    private static final Pattern PROVIDER = Pattern.compile("^[a-z0-9][a-z0-9-]{0,39}$");
    private static final Pattern REGION = Pattern.compile("^[a-z]{2,6}(-[a-z0-9]+){0,3}$");
    private static final Pattern MODEL = Pattern.compile("^[A-Za-z0-9][A-Za-z0-9._-]{0,95}(/[A-Za-z0-9][A-Za-z0-9._-]{0,95})?$");

    /** Loads and refreshes of the caches below, at /metrics. */
    @Inject
    CacheGauges gauges;

    @Inject
    PolicyStore store;

    @Inject
    Tenants tenants;

    private TtlCache<UUID, EffectivePolicy> effective;
    private TtlCache<String, ModelPrice.Prices> prices;
    private TtlCache<UUID, java.util.Map<String, CredentialLimit>> credentialLimits;
    private static final Pattern PRINCIPAL = Pattern.compile("^(token|sa|user):[A-Za-z0-9._@-]{1,180}$");

    /** A tenant's policy as the platform admin sees it: every field effective, and where it comes from. */
    public record View(UUID tenantId, String tier, EffectivePolicy policy) {
    }

    @PostConstruct
    void init() {
        effective = new TtlCache<>(FOLLOW, 100_000, this::load, refresher);
        prices = new TtlCache<>(FOLLOW, 10_000, store::price, refresher);
        credentialLimits = new TtlCache<>(FOLLOW, 100_000, t -> java.util.Optional.of(store.credentialLimits(t).stream()
                .collect(java.util.stream.Collectors.toMap(CredentialLimit::principal, c -> c))), refresher);
        gauges.watch("policy", effective);
        gauges.watch("price", prices);
        gauges.watch("credential-limits", credentialLimits);
    }

    public EffectivePolicy of(TenantId tenant) {
        return effective.find(tenant.value()).orElseThrow(() -> new IllegalStateException("no tenant " + tenant));
    }

    public View view(TenantId tenant) {
        Tenant t = tenants.find(tenant.value());
        return new View(t.id(), t.tier().name(), TenantPolicy.effective(t.tier(), t.homeRegion(),
                store.overrides(t.id()).orElse(PolicyOverrides.NONE)));
    }

    /** Replaces the tenant's overrides (absent fields: the tier's defaults again). */
    public View set(TenantId tenant, PolicyOverrides o) {
        tenants.find(tenant.value());
        positive("requestsPerMinute", o.requestsPerMinute() == null ? null : o.requestsPerMinute().longValue(), 10_000_000L);
        positive("tokensPerMinute", o.tokensPerMinute(), 10_000_000_000L);
        positive("tokensPerDay", o.tokensPerDay(), 1_000_000_000_000L);
        positive("tokensPerMonth", o.tokensPerMonth(), 1_000_000_000_000L);
        if (o.budgetUsdPerMonth() != null && (o.budgetUsdPerMonth().signum() < 0
                || o.budgetUsdPerMonth().compareTo(new BigDecimal("10000000000")) >= 0 || o.budgetUsdPerMonth().scale() > 4)) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'budgetUsdPerMonth' is USD from 0, at most 4 decimals", "budgetUsdPerMonth");
        }
        names("allowedModels", o.allowedModels(), MODEL);
        names("allowedProviders", o.allowedProviders(), PROVIDER);
        names("allowedRegions", o.allowedRegions(), REGION);
        store.save(tenant.value(), o);
        this.effective.invalidate(tenant.value());
        return view(tenant);
    }

    /** A credential's sub-limits within its tenant, if its tenant admin set any. */
    public java.util.Optional<CredentialLimit> limitOf(TenantId tenant, String principal) {
        return credentialLimits.find(tenant.value()).map(m -> m.get(principal));
    }

    public List<CredentialLimit> credentialLimits(TenantId tenant) {
        tenants.find(tenant.value());
        return store.credentialLimits(tenant.value());
    }

    /**
     * Sets one credential's sub-limits (both null: removes them). Never above the tenant's own:
     * a sub-limit narrows what one credential may take of the tenant's allowance.
     */
    public List<CredentialLimit> setCredentialLimit(TenantId tenant, String principal, Integer rpm, Long tpm) {
        if (principal == null || !PRINCIPAL.matcher(principal).matches()) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "a principal is token:<prefix>, sa:<client id> or user:<subject>", "principal");
        }
        tenants.find(tenant.value());
        EffectivePolicy p = of(tenant);
        if (rpm != null && (rpm <= 0 || rpm > p.requestsPerMinute())) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'requestsPerMinute' must be from 1 to the tenant's "
                    + p.requestsPerMinute(), "requestsPerMinute");
        }
        if (tpm != null && (tpm <= 0 || p.tokensPerMinute() != null && tpm > p.tokensPerMinute())) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'tokensPerMinute' must be positive and at most the tenant's", "tokensPerMinute");
        }
        store.setCredentialLimit(tenant.value(), principal, rpm, tpm);
        credentialLimits.invalidate(tenant.value());
        return store.credentialLimits(tenant.value());
    }

    /** The model's prices; free when the table has none (the audit row then shows cost 0). */
    public ModelPrice.Prices priceOf(String model) {
        return model == null ? ModelPrice.Prices.FREE : prices.find(model).orElse(ModelPrice.Prices.FREE);
    }

    public List<ModelPrice> prices() {
        return store.prices();
    }

    public ModelPrice setPrice(String model, ModelPrice.Prices p) {
        if (model == null || !MODEL.matcher(model).matches()) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "not a model id", "modelId");
        }
        ModelPrice saved = store.setPrice(model, p);
        prices.invalidate(model);
        return saved;
    }

    public boolean removePrice(String model) {
        boolean removed = store.removePrice(model);
        prices.invalidate(model);
        return removed;
    }

    private java.util.Optional<EffectivePolicy> load(UUID tenant) {
        Tenant t = tenants.find(tenant);
        return java.util.Optional.of(TenantPolicy.effective(t.tier(), t.homeRegion(), store.overrides(tenant).orElse(PolicyOverrides.NONE)));
    }

    private static void positive(String field, Long value, long max) {
        if (value != null && (value <= 0 || value > max)) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + field + "' must be from 1 to " + max, field);
        }
    }

    private static void names(String field, List<String> values, Pattern grammar) {
        if (values == null) {
            return;
        }
        if (values.size() > 200) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + field + "' holds at most 200 entries", field);
        }
        for (String v : values) {
            if (v == null || !grammar.matcher(v).matches()) {
                throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + field + "' has an invalid entry", field);
            }
        }
    }
}
