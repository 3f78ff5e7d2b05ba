package io.novix.core.privacy.boundary;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Forbidden;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.CacheGauges;
import io.novix.core.kernel.TtlCache;
import io.novix.core.privacy.control.RedactionStore;
import io.novix.core.privacy.entity.CustomPattern;
import io.novix.core.privacy.entity.PiiRule;
import io.novix.core.privacy.entity.RedactionPolicy;
import io.novix.core.privacy.entity.TenantRedaction;
import io.novix.core.tenant.boundary.Tenants;
import io.novix.core.tenant.entity.ComplianceProfile;
import io.novix.core.tenant.entity.TenantId;
import io.novix.core.tenant.entity.Tier;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The redaction policy that applies to a tenant's calls: its compliance profile's default, changed
 * by the tenant's own settings (docs/security.md, class 10). A tenant administrator may make it
 * stricter, never weaker than the profile requires; the platform administrator may do either.
 * Settings reach every instance within {@link #FOLLOW}.
 */
@OneInstance
public class Redactions {

    /** Reloads cached rows in use before they expire, off the callers' path (see {@link TtlCache}). */
    @Resource
    ManagedExecutorService refresher;

    static final Duration FOLLOW = Duration.ofSeconds(2);
    private static final int MAX_CUSTOM = 20;

    /** Loads and refreshes of the caches below, at /metrics. */
    @Inject
    CacheGauges gauges;

    @Inject
    RedactionStore store;

    @Inject
    Tenants tenants;

    private TtlCache<UUID, TenantRedaction> settings;

    /** The effective settings and where each comes from ("profile" or "tenant"). */
    public record View(UUID tenantId, String complianceProfile, boolean upstream, String upstreamSource, List<String> rules,
                       String rulesSource, List<CustomPattern> customPatterns, Instant updatedAt) {
    }

    @Inject
    io.novix.core.policy.boundary.Policies policies;

    @PostConstruct
    void init() {
        settings = new TtlCache<>(FOLLOW, 10_000, store::find, refresher);
        gauges.watch("redaction-settings", settings);
    }

    /** {@code tier} is kept for callers' sake; the profile is the tenant's effective one (tier default or override). */
    public RedactionPolicy policyFor(TenantId tenant, Tier tier) {
        ComplianceProfile profile = profile(tenant);
        return settings.find(tenant.value()).map(s -> s.effective(profile)).orElseGet(() -> RedactionPolicy.defaultFor(profile));
    }

    public View view(TenantId tenant) {
        tenants.find(tenant.value());
        return view(tenant.value(), profile(tenant), store.find(tenant.value()));
    }

    /**
     * Replaces the tenant's settings. {@code upstream} or {@code rules} null: the profile's default.
     * Refused (403 redaction_below_profile) when the result removes less than the profile requires,
     * unless {@code mayWeaken} (the platform administrator).
     */
    public View set(TenantId tenant, Boolean upstream, List<String> ruleNames, List<CustomPattern> custom, boolean mayWeaken) {
        tenants.find(tenant.value());
        ComplianceProfile profile = profile(tenant);
        if (custom.size() > MAX_CUSTOM) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "at most " + MAX_CUSTOM + " custom patterns", "customPatterns");
        }
        if (custom.stream().map(CustomPattern::name).distinct().count() != custom.size()) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "custom pattern names must be unique", "customPatterns");
        }
        Set<PiiRule> rules = ruleNames == null ? null : parse(ruleNames);
        RedactionPolicy base = RedactionPolicy.defaultFor(profile);
        RedactionPolicy result = new RedactionPolicy(upstream == null ? base.upstream() : upstream,
                rules == null ? base.rules() : rules, custom);
        if (!mayWeaken && result.weakerThan(base)) {
            throw new Forbidden(ErrorCode.REDACTION_BELOW_PROFILE, "the " + profile + " compliance profile requires prompts to be "
                    + "redacted of " + base.rules() + " before they go upstream; only the platform administrator may change that");
        }
        TenantRedaction saved = store.save(tenant.value(), upstream, rules, custom);
        settings.invalidate(tenant.value());
        return view(tenant.value(), profile, Optional.of(saved));
    }

    /** The tenant's compliance profile as its policy says (the platform admin may raise it above the tier's). */
    private ComplianceProfile profile(TenantId tenant) {
        return policies.of(tenant).complianceProfile();
    }

    private static View view(UUID tenant, ComplianceProfile profile, Optional<TenantRedaction> row) {
        RedactionPolicy p = row.map(r -> r.effective(profile)).orElseGet(() -> RedactionPolicy.defaultFor(profile));
        boolean upstreamSet = row.map(TenantRedaction::upstreamSet).orElse(false);
        boolean rulesSet = row.map(TenantRedaction::rulesSet).orElse(false);
        return new View(tenant, profile.name(), p.upstream(), upstreamSet ? "tenant" : "profile",
                p.rules().stream().sorted().map(Enum::name).toList(), rulesSet ? "tenant" : "profile", p.custom(),
                row.map(TenantRedaction::updatedAt).orElse(null));
    }

    private static Set<PiiRule> parse(List<String> names) {
        Set<PiiRule> rules = EnumSet.noneOf(PiiRule.class);
        for (String n : names) {
            try {
                rules.add(PiiRule.valueOf(n));
            } catch (IllegalArgumentException e) {
                throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'rules' are built-in kinds: " + List.of(PiiRule.values()), "rules");
            }
        }
        return rules;
    }
}
