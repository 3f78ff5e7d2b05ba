package io.novix.core.sso.control;

import io.novix.core.sso.entity.LibertyValue;
import io.novix.core.sso.entity.TenantIdp;

/**
 * The Liberty configuration of one tenant's SAML service provider: a {@code samlWebSso20} that
 * handles only {@code /sso/<slug>/login}, trusts only the tenant's IdP metadata, requires signed
 * assertions, accepts only Novix's own entity id as audience (Liberty's default is ANY), and asks
 * for the tenant's authentication context.
 *
 * <p>A fixed template: every tenant value in it has passed {@link LibertyValue}'s grammar (checked
 * again here, whatever the database holds) and is XML-escaped, so none can carry a Liberty
 * {@code ${...}} reference or XML. The only variables are the platform's own, named literally.
 */
public record ServiceProviderConfig(String slug, TenantIdp idp, String publicUrl, String metadataFile) {

    private static final String TEMPLATE = """
            <?xml version="1.0" encoding="UTF-8"?>
            <!-- written by Novix from the tenant_idp row of tenant %1$s (version %2$d); do not edit -->
            <server>
                <authFilter id="novixSsoFilter-%3$s">
                    <requestUrl id="novixSsoUrl-%3$s" urlPattern="/sso/%3$s/login" matchType="contains"/>
                </authFilter>
                <samlWebSso20 id="%3$s" authFilterRef="novixSsoFilter-%3$s"
                    idpMetadata="%4$s"
                    wantAssertionsSigned="true" signatureMethodAlgorithm="SHA256" authnRequestsSigned="false"
                    audiences="%5$s" trustedIssuers="%6$s"
                    spHostAndPort="%7$s" httpsRequired="${novix.saml.https-required}"
                    groupIdentifier="%8$s" mapToUserRegistry="No"
                    clockSkew="${novix.saml.clock-skew}" tokenReplayTimeout="${novix.saml.replay-window}"
                    errorPageURL="/sso-error/%3$s" disableLtpaCookie="true" includeTokenInSubject="true"%9$s/>
            </server>
            """;

    public ServiceProviderConfig {
        LibertyValue.slug(slug);
        LibertyValue.webUrl("novix.public.url", publicUrl);
    }

    public String spEntityId() {
        return publicUrl + "/ibm/saml20/" + slug;
    }

    public String acsUrl() {
        return spEntityId() + "/acs";
    }

    public String loginUrl() {
        return publicUrl + "/sso/" + slug + "/login";
    }

    /** The configDropins file; throws IllegalArgumentException when a stored value breaks the grammar. */
    public String render() {
        idp.checkedMetadata();
        String context = idp.requiredAuthnContext() == null ? ""
                : "\n        authnContextClassRef=\"" + x(LibertyValue.absoluteUri("requiredAuthnContext", idp.requiredAuthnContext()))
                + "\" authnContextComparisonType=\"exact\"";
        if (metadataFile.indexOf('$') >= 0 || metadataFile.indexOf('"') >= 0 || metadataFile.indexOf('<') >= 0) {
            throw new IllegalArgumentException("the server directory holds characters Liberty would interpret");
        }
        return TEMPLATE.formatted(idp.tenantId(), idp.version(), slug, x(metadataFile), x(spEntityId()),
                x(LibertyValue.absoluteUri("entityID", idp.idpEntityId())), x(publicUrl),
                x(LibertyValue.attributeName("groupAttribute", idp.groupAttribute())), context);
    }

    /** The IdP metadata file Liberty reads: the canonical form of the checked metadata. */
    public String metadata() {
        return idp.checkedMetadata().canonicalXml();
    }

    private static String x(String checked) {
        return LibertyValue.xml(checked);
    }
}
