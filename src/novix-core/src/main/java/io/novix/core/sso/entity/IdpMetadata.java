package io.novix.core.sso.entity;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;
import org.xml.sax.SAXException;

import javax.xml.XMLConstants;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.parsers.ParserConfigurationException;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A SAML 2.0 IdP metadata document, checked before anything trusts it: well-formed XML without a
 * DTD (no XXE), one EntityDescriptor with an IDPSSODescriptor, at least one signing certificate
 * and a single sign-on service for the POST or Redirect binding.
 */
public record IdpMetadata(String entityId, String xml, List<X509Certificate> signingCertificates, Map<String, String> singleSignOn) {

    public static final int MAX_BYTES = 256 * 1024;
    private static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";
    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";
    private static final String POST = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST";
    private static final String REDIRECT = "urn:oasis:names:tc:SAML:2.0:bindings:HTTP-Redirect";

    public static IdpMetadata parse(String xml) {
        if (xml == null || xml.isBlank() || xml.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("metadataXml must be an IdP metadata document of at most 256 KiB");
        }
        Document doc = read(xml);
        Element root = doc.getDocumentElement();
        if (!MD.equals(root.getNamespaceURI()) || !"EntityDescriptor".equals(root.getLocalName())) {
            throw new IllegalArgumentException("metadataXml must be one md:EntityDescriptor");
        }
        String entityId = LibertyValue.absoluteUri("the EntityDescriptor's entityID", root.getAttribute("entityID"));
        NodeList idps = root.getElementsByTagNameNS(MD, "IDPSSODescriptor");
        if (idps.getLength() != 1) {
            throw new IllegalArgumentException("the metadata must describe exactly one IDPSSODescriptor");
        }
        Element idp = (Element) idps.item(0);
        List<X509Certificate> certs = new ArrayList<>();
        NodeList keys = idp.getElementsByTagNameNS(MD, "KeyDescriptor");
        for (int i = 0; i < keys.getLength(); i++) {
            Element key = (Element) keys.item(i);
            if (key.getAttribute("use").isEmpty() || "signing".equals(key.getAttribute("use"))) {
                NodeList x509 = key.getElementsByTagNameNS(DS, "X509Certificate");
                for (int j = 0; j < x509.getLength(); j++) {
                    certs.add(certificate(x509.item(j).getTextContent()));
                }
            }
        }
        if (certs.isEmpty()) {
            throw new IllegalArgumentException("the IdP metadata has no signing certificate: assertions could not be verified");
        }
        Map<String, String> sso = new LinkedHashMap<>();
        NodeList services = idp.getElementsByTagNameNS(MD, "SingleSignOnService");
        for (int i = 0; i < services.getLength(); i++) {
            Element s = (Element) services.item(i);
            String binding = s.getAttribute("Binding");
            if ((binding.equals(POST) || binding.equals(REDIRECT)) && !sso.containsKey(binding)) {
                sso.put(binding, LibertyValue.webUrl("a SingleSignOnService Location", s.getAttribute("Location")));
            }
        }
        if (sso.isEmpty()) {
            throw new IllegalArgumentException("the IdP metadata has no SingleSignOnService for HTTP-POST or HTTP-Redirect");
        }
        return new IdpMetadata(entityId, xml, List.copyOf(certs), Map.copyOf(sso));
    }

    /**
     * The metadata Liberty reads, written from a fixed template with the checked values only (the
     * entity id, the signing certificates re-encoded from their parsed form, the checked SSO
     * URLs): nothing else of the tenant's document reaches Liberty.
     */
    public String canonicalXml() {
        StringBuilder md = new StringBuilder("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
                .append("<md:EntityDescriptor xmlns:md=\"").append(MD).append("\" xmlns:ds=\"").append(DS)
                .append("\" entityID=\"").append(LibertyValue.xml(entityId)).append("\">\n")
                .append("  <md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">\n");
        for (X509Certificate cert : signingCertificates) {
            md.append("    <md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>")
                    .append(base64(cert)).append("</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>\n");
        }
        for (String binding : List.of(POST, REDIRECT)) {
            String location = singleSignOn.get(binding);
            if (location != null) {
                md.append("    <md:SingleSignOnService Binding=\"").append(binding).append("\" Location=\"")
                        .append(LibertyValue.xml(LibertyValue.webUrl("Location", location))).append("\"/>\n");
            }
        }
        return md.append("  </md:IDPSSODescriptor>\n</md:EntityDescriptor>\n").toString();
    }

    private static String base64(X509Certificate cert) {
        try {
            return Base64.getEncoder().encodeToString(cert.getEncoded());
        } catch (java.security.cert.CertificateEncodingException e) {
            throw new IllegalArgumentException("a signing certificate cannot be encoded");
        }
    }

    private static Document read(String xml) {
        try {
            DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
            f.setNamespaceAware(true);
            f.setFeature("http://apache.org/xml/features/disallow-doctype-decl", true);
            f.setFeature(XMLConstants.FEATURE_SECURE_PROCESSING, true);
            f.setXIncludeAware(false);
            f.setExpandEntityReferences(false);
            return f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        } catch (ParserConfigurationException e) {
            throw new IllegalStateException(e);
        } catch (SAXException | IOException e) {
            throw new IllegalArgumentException("metadataXml is not well-formed XML (or declares a DTD, which is refused)");
        }
    }

    private static X509Certificate certificate(String base64) {
        try {
            byte[] der = Base64.getMimeDecoder().decode(base64.strip());
            return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(new ByteArrayInputStream(der));
        } catch (CertificateException | IllegalArgumentException e) {
            throw new IllegalArgumentException("an X509Certificate in the IdP metadata is not a certificate");
        }
    }
}
