package io.novix.core.sso.boundary;

import java.util.List;

/**
 * What the SAML service provider established about a person: the tenant whose SP they came
 * through, the NameID, the assertion's issuer, the group values and the authentication context.
 */
public record SignIn(String tenantSlug, String subject, String displayName, String issuer, List<String> audiences,
                     List<String> groups, String authnContext, String assertionId, java.time.Instant notOnOrAfter) {
}
