package io.novix.core.policy.entity;

import io.novix.hf.JsonBytes;

import io.novix.core.tenant.entity.ComplianceProfile;
import io.novix.core.tenant.entity.Residency;
import io.novix.core.tenant.entity.Tier;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonString;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.io.StringReader;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A tenant's overrides of its tier's policy; every column null keeps the tier's default. The
 * platform admin sets them (PUT replaces them all). {@link #effective} is what is enforced.
 */
@Entity
@Table(name = "tenant_policy")
public class TenantPolicy {

    @Id
    @Column(name = "tenant_id")
    private UUID tenantId;
    @Column(name = "requests_per_minute")
    private Integer requestsPerMinute;
    @Column(name = "tokens_per_minute")
    private Long tokensPerMinute;
    @Column(name = "tokens_per_day")
    private Long tokensPerDay;
    @Column(name = "tokens_per_month")
    private Long tokensPerMonth;
    @Column(name = "budget_usd_per_month", precision = 14, scale = 4)
    private BigDecimal budgetUsdPerMonth;
    @Column(name = "allowed_models")
    private String allowedModels;
    @Column(name = "allowed_providers")
    private String allowedProviders;
    @Column(name = "allowed_regions")
    private String allowedRegions;
    @Enumerated(EnumType.STRING)
    @Column(length = 16)
    private Residency residency;
    @Enumerated(EnumType.STRING)
    @Column(name = "compliance_profile", length = 16)
    private ComplianceProfile complianceProfile;
    @Column(name = "dedicated_only")
    private Boolean dedicatedOnly;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected TenantPolicy() {
    }

    public TenantPolicy(UUID tenantId) {
        this.tenantId = tenantId;
        this.updatedAt = Instant.now();
    }

    /** Replaces every override; a null field is the tier's default again. */
    public void set(PolicyOverrides o, Instant now) {
        requestsPerMinute = o.requestsPerMinute();
        tokensPerMinute = o.tokensPerMinute();
        tokensPerDay = o.tokensPerDay();
        tokensPerMonth = o.tokensPerMonth();
        budgetUsdPerMonth = o.budgetUsdPerMonth();
        allowedModels = json(o.allowedModels());
        allowedProviders = json(o.allowedProviders());
        allowedRegions = json(o.allowedRegions());
        residency = o.residency();
        complianceProfile = o.complianceProfile();
        dedicatedOnly = o.dedicatedOnly();
        updatedAt = now;
    }

    public PolicyOverrides overrides() {
        return new PolicyOverrides(requestsPerMinute, tokensPerMinute, tokensPerDay, tokensPerMonth, budgetUsdPerMonth,
                list(allowedModels), list(allowedProviders), list(allowedRegions), residency, complianceProfile, dedicatedOnly);
    }

    /** The tier's defaults for a tenant at home in {@code homeRegion}, with {@code o} over them. */
    public static EffectivePolicy effective(Tier tier, String homeRegion, PolicyOverrides o) {
        TierDefaults d = TierDefaults.of(tier, homeRegion);
        Map<String, String> sources = new LinkedHashMap<>();
        return new EffectivePolicy(
                pick("requestsPerMinute", o.requestsPerMinute(), d.requestsPerMinute(), sources),
                pick("tokensPerMinute", o.tokensPerMinute(), d.tokensPerMinute(), sources),
                pick("tokensPerDay", o.tokensPerDay(), d.tokensPerDay(), sources),
                pick("tokensPerMonth", o.tokensPerMonth(), d.tokensPerMonth(), sources),
                pick("budgetUsdPerMonth", o.budgetUsdPerMonth(), d.budgetUsdPerMonth(), sources),
                pick("allowedModels", o.allowedModels(), d.allowedModels(), sources),
                pick("allowedProviders", o.allowedProviders(), d.allowedProviders(), sources),
                pick("allowedRegions", o.allowedRegions(), d.allowedRegions(), sources),
                pick("residency", o.residency(), d.residency(), sources),
                pick("complianceProfile", o.complianceProfile(), d.complianceProfile(), sources),
                pick("dedicatedOnly", o.dedicatedOnly(), d.dedicatedOnly(), sources),
                sources);
    }

    private static <T> T pick(String field, T override, T tierDefault, Map<String, String> sources) {
        sources.put(field, override != null ? "tenant" : "tier");
        return override != null ? override : tierDefault;
    }

    private static String json(List<String> values) {
        if (values == null) {
            return null;
        }
        JsonArrayBuilder a = JsonBytes.JSON.createArrayBuilder();
        values.forEach(a::add);
        return a.build().toString();
    }

    private static List<String> list(String json) {
        return json == null ? null : JsonBytes.JSON.createReader(new StringReader(json)).readArray().getValuesAs(JsonString.class)
                .stream().map(JsonString::getString).toList();
    }

    public UUID tenantId() { return tenantId; }
    public Instant updatedAt() { return updatedAt; }
}
