package io.novix.core.privacy.boundary;

import io.novix.core.privacy.entity.RedactionPolicy;
import io.novix.core.tenant.entity.Tier;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * The redaction policy that applies to a tenant's calls: its compliance profile's default
 * (docs/security.md, class 10).
 */
@ApplicationScoped
public class Redactions {

    public RedactionPolicy policyFor(Tier tier) {
        return RedactionPolicy.defaultFor(tier.policy().compliance());
    }
}
