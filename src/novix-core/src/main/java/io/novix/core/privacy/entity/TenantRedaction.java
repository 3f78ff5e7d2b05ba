package io.novix.core.privacy.entity;

import io.novix.hf.JsonBytes;

import io.novix.core.tenant.entity.ComplianceProfile;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;

import java.io.StringReader;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * A tenant's redaction settings: each field left null keeps its compliance profile's default.
 * Custom patterns add kinds of the tenant's own. The effective policy is {@link #effective}.
 */
@Entity
@Table(name = "tenant_redaction")
public class TenantRedaction {

    @Id
    @Column(name = "tenant_id")
    private UUID tenantId;
    @Column
    private Boolean upstream;
    @Column(length = 200)
    private String rules;
    @Column(name = "custom_patterns", nullable = false)
    private String customPatterns;
    @Column(name = "updated_at", nullable = false)
    private Instant updatedAt;
    @Version
    private long version;

    protected TenantRedaction() {
    }

    public TenantRedaction(UUID tenantId) {
        this.tenantId = tenantId;
        this.customPatterns = "[]";
        this.updatedAt = Instant.now();
    }

    /** Replaces every setting (PUT): null upstream or rules fall back to the profile's default. */
    public void set(Boolean upstream, Set<PiiRule> rules, List<CustomPattern> custom, Instant now) {
        this.upstream = upstream;
        this.rules = rules == null ? null : rules.stream().map(Enum::name).sorted().collect(Collectors.joining(","));
        JsonArrayBuilder list = JsonBytes.JSON.createArrayBuilder();
        custom.forEach(p -> list.add(JsonBytes.JSON.createObjectBuilder().add("name", p.name()).add("pattern", p.pattern())));
        this.customPatterns = list.build().toString();
        this.updatedAt = now;
    }

    public RedactionPolicy effective(ComplianceProfile profile) {
        RedactionPolicy base = RedactionPolicy.defaultFor(profile);
        return new RedactionPolicy(upstream == null ? base.upstream() : upstream, rules == null ? base.rules() : ruleSet(), custom());
    }

    public boolean upstreamSet() { return upstream != null; }
    public boolean rulesSet() { return rules != null; }
    public Instant updatedAt() { return updatedAt; }
    public UUID tenantId() { return tenantId; }

    private Set<PiiRule> ruleSet() {
        Set<PiiRule> set = EnumSet.noneOf(PiiRule.class);
        Arrays.stream(rules.split(",")).filter(s -> !s.isEmpty()).map(PiiRule::valueOf).forEach(set::add);
        return set;
    }

    private List<CustomPattern> custom() {
        return JsonBytes.JSON.createReader(new StringReader(customPatterns)).readArray().stream().map(JsonValue::asJsonObject)
                .map((JsonObject o) -> new CustomPattern(o.getString("name"), o.getString("pattern"))).toList();
    }
}
