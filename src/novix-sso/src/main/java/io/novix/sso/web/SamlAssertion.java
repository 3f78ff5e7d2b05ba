package io.novix.sso.web;

import org.w3c.dom.NodeList;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import java.io.ByteArrayInputStream;
import java.lang.reflect.Method;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The assertion Liberty's SAML service provider validated for this request, read through Liberty's
 * {@code com.ibm.websphere.security.saml2} API (an ibm-api package, looked up reflectively so the
 * WAR compiles without Liberty's jars).
 */
record SamlAssertion(String serviceProvider, String nameId, String issuer, List<String> audiences, List<String> groups,
                     String displayName, String authnContextClassRef, String assertionId, java.time.Instant expires) {

    private static final String SAML = "urn:oasis:names:tc:SAML:2.0:assertion";

    static Optional<SamlAssertion> current(String groupAttribute) {
        try {
            Class<?> helper = Class.forName("com.ibm.websphere.security.saml2.PropagationHelper");
            Object token = helper.getMethod("getSaml20Token").invoke(null);
            if (token == null) {
                return Optional.empty();
            }
            Class<?> type = Class.forName("com.ibm.websphere.security.saml2.Saml20Token");
            Class<?> attributeType = Class.forName("com.ibm.websphere.security.saml2.Saml20Attribute");
            Method name = attributeType.getMethod("getName");
            Method values = attributeType.getMethod("getValuesAsString");
            List<String> groups = new ArrayList<>();
            String display = null;
            for (Object a : (List<?>) type.getMethod("getSAMLAttributes").invoke(token)) {
                String n = (String) name.invoke(a);
                @SuppressWarnings("unchecked")
                List<String> v = (List<String>) values.invoke(a);
                if (groupAttribute.equals(n)) {
                    groups.addAll(v);
                } else if (("displayName".equals(n) || "name".equals(n)) && !v.isEmpty()) {
                    display = v.get(0);
                }
            }
            String xml = (String) type.getMethod("getSAMLAsString").invoke(token);
            @SuppressWarnings("unchecked")
            List<String> audiences = (List<String>) type.getMethod("getAudienceRestriction").invoke(token);
            return Optional.of(new SamlAssertion((String) type.getMethod("getServiceProviderID").invoke(token),
                    (String) type.getMethod("getSAMLNameID").invoke(token),
                    (String) type.getMethod("getSAMLIssuerName").invoke(token),
                    audiences == null ? List.of() : List.copyOf(audiences), List.copyOf(groups), display, classRef(xml),
                    (String) type.getMethod("getSamlID").invoke(token), expires((java.util.Date) type.getMethod("getSamlExpires").invoke(token))));
        } catch (ReflectiveOperationException | RuntimeException e) {
            return Optional.empty();
        }
    }

    private static java.time.Instant expires(java.util.Date date) {
        return date == null ? null : date.toInstant();
    }

    /** The AuthnContextClassRef of the assertion's AuthnStatement (null when it states none). */
    static String classRef(String assertionXml) {
        if (assertionXml == null) {
            return null;
        }
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            NodeList refs = f.newDocumentBuilder().parse(new ByteArrayInputStream(assertionXml.getBytes(StandardCharsets.UTF_8)))
                    .getElementsByTagNameNS(SAML, "AuthnContextClassRef");
            return refs.getLength() == 0 ? null : refs.item(0).getTextContent().strip();
        } catch (Exception e) {
            return null;
        }
    }
}
