package io.novix.core.sso.control;

import io.novix.core.sso.entity.TenantIdp;

/**
 * The Liberty configuration of one tenant's SAML service provider: a {@code samlWebSso20} that
 * handles only {@code /sso/<slug>/login}, trusts only the tenant's IdP metadata, requires signed
 * assertions, accepts only Novix's own entity id as audience (Liberty's default is ANY), and asks
 * for the tenant's authentication context. Values are XML-escaped; slugs are [a-z0-9-] already.
 */
public record ServiceProviderConfig(String slug, TenantIdp idp, String publicUrl, String metadataFile) {

    public String spEntityId() {
        return publicUrl + "/ibm/saml20/" + slug;
    }

    public String acsUrl() {
        return spEntityId() + "/acs";
    }

    public String loginUrl() {
        return publicUrl + "/sso/" + slug + "/login";
    }

    public String render() {
        StringBuilder sp = new StringBuilder()
                .append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<!-- written by Novix from the tenant_idp row of tenant ").append(idp.tenantId())
                .append(" (version ").append(idp.version()).append("); do not edit -->\n<server>\n")
                .append("    <authFilter id=\"novixSsoFilter-").append(slug).append("\">\n")
                .append("        <requestUrl id=\"novixSsoUrl-").append(slug).append("\" urlPattern=\"/sso/").append(slug)
                .append("/login\" matchType=\"contains\"/>\n    </authFilter>\n")
                .append("    <samlWebSso20 id=\"").append(slug).append("\" authFilterRef=\"novixSsoFilter-").append(slug).append("\"\n")
                .append("        idpMetadata=\"").append(xml(metadataFile)).append("\"\n")
                .append("        wantAssertionsSigned=\"true\" signatureMethodAlgorithm=\"SHA256\" authnRequestsSigned=\"false\"\n")
                .append("        audiences=\"").append(xml(spEntityId())).append("\" trustedIssuers=\"").append(xml(idp.idpEntityId())).append("\"\n")
                .append("        spHostAndPort=\"").append(xml(publicUrl)).append("\" httpsRequired=\"${novix.saml.https-required}\"\n")
                .append("        groupIdentifier=\"").append(xml(idp.groupAttribute())).append("\" mapToUserRegistry=\"No\"\n")
                .append("        clockSkew=\"${novix.saml.clock-skew}\" tokenReplayTimeout=\"${novix.saml.replay-window}\"\n")
                .append("        errorPageURL=\"/sso-error/").append(slug).append("\" disableLtpaCookie=\"true\" includeTokenInSubject=\"true\"");
        if (idp.requiredAuthnContext() != null) {
            sp.append("\n        authnContextClassRef=\"").append(xml(idp.requiredAuthnContext())).append("\" authnContextComparisonType=\"exact\"");
        }
        return sp.append("/>\n</server>\n").toString();
    }

    private static String xml(String s) {
        return s.replace("&", "&amp;").replace("\"", "&quot;").replace("<", "&lt;").replace(">", "&gt;");
    }
}
