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
import java.util.List;

/**
 * A SAML 2.0 IdP metadata document, checked before anything trusts it: well-formed XML without a
 * DTD (no XXE), one EntityDescriptor with an IDPSSODescriptor, at least one signing certificate
 * and a single sign-on service for the POST or Redirect binding.
 */
public record IdpMetadata(String entityId, String xml, List<X509Certificate> signingCertificates, String ssoUrl) {

    public static final int MAX_BYTES = 256 * 1024;
    private static final String MD = "urn:oasis:names:tc:SAML:2.0:metadata";
    private static final String DS = "http://www.w3.org/2000/09/xmldsig#";

    public static IdpMetadata parse(String xml) {
        if (xml == null || xml.isBlank() || xml.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
            throw new IllegalArgumentException("metadataXml must be an IdP metadata document of at most 256 KiB");
        }
        Document doc = read(xml);
        Element root = doc.getDocumentElement();
        if (!MD.equals(root.getNamespaceURI()) || !"EntityDescriptor".equals(root.getLocalName())) {
            throw new IllegalArgumentException("metadataXml must be one md:EntityDescriptor");
        }
        String entityId = root.getAttribute("entityID");
        if (entityId.isBlank() || entityId.length() > 500) {
            throw new IllegalArgumentException("the EntityDescriptor needs an entityID");
        }
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
        String sso = null;
        NodeList services = idp.getElementsByTagNameNS(MD, "SingleSignOnService");
        for (int i = 0; i < services.getLength() && sso == null; i++) {
            Element s = (Element) services.item(i);
            String binding = s.getAttribute("Binding");
            if (binding.endsWith(":HTTP-POST") || binding.endsWith(":HTTP-Redirect")) {
                sso = s.getAttribute("Location");
            }
        }
        if (sso == null || sso.isBlank()) {
            throw new IllegalArgumentException("the IdP metadata has no SingleSignOnService for HTTP-POST or HTTP-Redirect");
        }
        return new IdpMetadata(entityId, xml, List.copyOf(certs), sso);
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
