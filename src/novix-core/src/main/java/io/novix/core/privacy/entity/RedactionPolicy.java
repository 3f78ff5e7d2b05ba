package io.novix.core.privacy.entity;

import io.novix.core.tenant.entity.ComplianceProfile;

import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Whether a tenant's prompts are stripped of personal data before they go upstream, of which
 * built-in kinds, and which kinds of its own. By default: every built-in kind for HIPAA and FedRAMP
 * High tenants (Enterprise, Government), none for SOC 2 (Standard), whose data may go to the model
 * as sent. A tenant's settings (GET/PUT /admin/tenants/{t}/redaction) change the default.
 */
public record RedactionPolicy(boolean upstream, Set<PiiRule> rules, List<CustomPattern> custom) {

    public RedactionPolicy {
        rules = rules.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(rules));
        custom = List.copyOf(custom);
    }

    public RedactionPolicy(boolean upstream, Set<PiiRule> rules) {
        this(upstream, rules, List.of());
    }

    public static RedactionPolicy defaultFor(ComplianceProfile profile) {
        return switch (profile) {
            case HIPAA, FEDRAMP_HIGH -> new RedactionPolicy(true, EnumSet.allOf(PiiRule.class));
            case SOC2 -> new RedactionPolicy(false, Set.of());
        };
    }

    /** Whether this policy removes less than {@code floor}: sends prompts as they are, or skips a kind it removes. */
    public boolean weakerThan(RedactionPolicy floor) {
        return floor.upstream && (!upstream || !rules.containsAll(floor.rules));
    }

    /** A redactor for one call, or empty when this policy sends prompts as they are. */
    public Optional<Redactor> redactor() {
        return upstream && !(rules.isEmpty() && custom.isEmpty()) ? Optional.of(new Redactor(rules, custom)) : Optional.empty();
    }
}
