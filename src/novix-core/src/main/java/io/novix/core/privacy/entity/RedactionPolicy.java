package io.novix.core.privacy.entity;

import io.novix.core.tenant.entity.ComplianceProfile;

import java.util.EnumSet;
import java.util.Set;

/**
 * Whether a tenant's prompts are stripped of personal data before they go upstream, and of which
 * kinds. By default: every kind for HIPAA and FedRAMP High tenants (Enterprise, Government), none
 * for SOC 2 (Standard), whose data may go to the model as sent.
 */
public record RedactionPolicy(boolean upstream, Set<PiiRule> rules) {

    public RedactionPolicy {
        rules = rules.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(rules));
    }

    public static RedactionPolicy defaultFor(ComplianceProfile profile) {
        return switch (profile) {
            case HIPAA, FEDRAMP_HIGH -> new RedactionPolicy(true, EnumSet.allOf(PiiRule.class));
            case SOC2 -> new RedactionPolicy(false, Set.of());
        };
    }

    /** A redactor for one call, or empty when this policy sends prompts as they are. */
    public java.util.Optional<Redactor> redactor() {
        return upstream && !rules.isEmpty() ? java.util.Optional.of(new Redactor(rules)) : java.util.Optional.empty();
    }
}
