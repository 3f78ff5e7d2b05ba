package it.novix;

import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.Node;

import javax.xml.crypto.dsig.CanonicalizationMethod;
import javax.xml.crypto.dsig.DigestMethod;
import javax.xml.crypto.dsig.Reference;
import javax.xml.crypto.dsig.SignatureMethod;
import javax.xml.crypto.dsig.SignedInfo;
import javax.xml.crypto.dsig.Transform;
import javax.xml.crypto.dsig.XMLSignatureFactory;
import javax.xml.crypto.dsig.dom.DOMSignContext;
import javax.xml.crypto.dsig.keyinfo.KeyInfo;
import javax.xml.crypto.dsig.keyinfo.KeyInfoFactory;
import javax.xml.crypto.dsig.spec.C14NMethodParameterSpec;
import javax.xml.crypto.dsig.spec.TransformParameterSpec;
import javax.xml.parsers.DocumentBuilderFactory;
import javax.xml.transform.TransformerFactory;
import javax.xml.transform.dom.DOMSource;
import javax.xml.transform.stream.StreamResult;
import java.io.ByteArrayInputStream;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A SAML IdP under the test's control: its own RSA key and certificate (made with keytool), its
 * metadata for registration, and SAML responses built and signed (XML-DSig, enveloped, exclusive
 * c14n, RSA-SHA256) the way an IdP does, or broken the way an attacker would.
 */
final class SamlForge {

    static final String MFA = "https://refeds.org/profile/mfa";
    static final String PASSWORD = "urn:oasis:names:tc:SAML:2.0:ac:classes:PasswordProtectedTransport";

    final String entityId;
    private final PrivateKey key;
    private final X509Certificate cert;

    private SamlForge(String entityId, PrivateKey key, X509Certificate cert) {
        this.entityId = entityId;
        this.key = key;
        this.cert = cert;
    }

    static SamlForge create(Path dir, String name) throws Exception {
        Files.createDirectories(dir);
        Path store = dir.resolve(name + "-" + UUID.randomUUID() + ".p12");
        Process p = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(), "-genkeypair",
                "-alias", "idp", "-keyalg", "RSA", "-keysize", "2048", "-sigalg", "SHA256withRSA", "-dname", "CN=" + name,
                "-validity", "30", "-storetype", "PKCS12", "-keystore", store.toString(), "-storepass", "changeit", "-keypass", "changeit")
                .redirectErrorStream(true).start();
        String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (p.waitFor() != 0) {
            throw new IllegalStateException("keytool failed: " + out);
        }
        KeyStore ks = KeyStore.getInstance("PKCS12");
        try (var in = Files.newInputStream(store)) {
            ks.load(in, "changeit".toCharArray());
        }
        return new SamlForge("https://idp.forge.test/" + name, (PrivateKey) ks.getKey("idp", "changeit".toCharArray()),
                (X509Certificate) ks.getCertificate("idp"));
    }

    String metadata() throws Exception {
        return "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\""
                + " entityID=\"" + entityId + "\"><md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>"
                + Base64.getEncoder().encodeToString(cert.getEncoded())
                + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
                + "<md:NameIDFormat>urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress</md:NameIDFormat>"
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"http://127.0.0.1:9/forge-sso\"/>"
                + "</md:IDPSSODescriptor></md:EntityDescriptor>";
    }

    /** What goes into one answer; each attack changes one thing. */
    record Answer(String inResponseTo, String acsUrl, String audience, String subject, List<String> groups,
                  String authnContext, Instant notOnOrAfter, boolean sign, SamlForge signer, String assertionId) {
        Answer audience(String a) { return new Answer(inResponseTo, acsUrl, a, subject, groups, authnContext, notOnOrAfter, sign, signer, assertionId); }
        Answer context(String c) { return new Answer(inResponseTo, acsUrl, audience, subject, groups, c, notOnOrAfter, sign, signer, assertionId); }
        Answer expiring(Instant t) { return new Answer(inResponseTo, acsUrl, audience, subject, groups, authnContext, t, sign, signer, assertionId); }
        Answer unsigned() { return new Answer(inResponseTo, acsUrl, audience, subject, groups, authnContext, notOnOrAfter, false, signer, assertionId); }
        Answer signedBy(SamlForge other) { return new Answer(inResponseTo, acsUrl, audience, subject, groups, authnContext, notOnOrAfter, true, other, assertionId); }
        /** The assertion's ID fixed (random otherwise): the same assertion, answering another AuthnRequest. */
        Answer assertion(String id) { return new Answer(inResponseTo, acsUrl, audience, subject, groups, authnContext, notOnOrAfter, sign, signer, id); }
    }

    Answer answer(String inResponseTo, String acsUrl, String audience, String subject, List<String> groups, String authnContext) {
        return new Answer(inResponseTo, acsUrl, audience, subject, groups, authnContext, Instant.now().plusSeconds(300), true, this, null);
    }

    /** The ID of the AuthnRequest Liberty sent (POST binding: base64 of the XML, not deflated). */
    static String requestId(String samlRequest) {
        String xml = new String(Base64.getMimeDecoder().decode(samlRequest), StandardCharsets.UTF_8);
        Matcher m = Pattern.compile("\\sID=\"([^\"]+)\"").matcher(xml);
        if (!m.find()) {
            throw new AssertionError("no ID in the AuthnRequest: " + xml);
        }
        return m.group(1);
    }

    static String requestXml(String samlRequest) {
        return new String(Base64.getMimeDecoder().decode(samlRequest), StandardCharsets.UTF_8);
    }

    /** The Response XML (assertion signed or not), as the SAMLResponse form field: base64. */
    String encode(Answer a) throws Exception {
        return Base64.getEncoder().encodeToString(xml(a).getBytes(StandardCharsets.UTF_8));
    }

    String xml(Answer a) throws Exception {
        Instant now = Instant.now();
        String assertionId = a.assertionId() != null ? a.assertionId() : "_a" + UUID.randomUUID().toString().replace("-", "");
        StringBuilder groups = new StringBuilder();
        for (String g : a.groups()) {
            groups.append("<saml:AttributeValue>").append(g).append("</saml:AttributeValue>");
        }
        String xml = "<samlp:Response xmlns:samlp=\"urn:oasis:names:tc:SAML:2.0:protocol\" xmlns:saml=\"urn:oasis:names:tc:SAML:2.0:assertion\""
                + " ID=\"_r" + UUID.randomUUID().toString().replace("-", "") + "\" Version=\"2.0\" IssueInstant=\"" + now + "\""
                + " Destination=\"" + a.acsUrl() + "\" InResponseTo=\"" + a.inResponseTo() + "\">"
                + "<saml:Issuer>" + entityId + "</saml:Issuer>"
                + "<samlp:Status><samlp:StatusCode Value=\"urn:oasis:names:tc:SAML:2.0:status:Success\"/></samlp:Status>"
                + "<saml:Assertion ID=\"" + assertionId + "\" Version=\"2.0\" IssueInstant=\"" + now + "\">"
                + "<saml:Issuer>" + entityId + "</saml:Issuer>"
                + "<saml:Subject><saml:NameID Format=\"urn:oasis:names:tc:SAML:1.1:nameid-format:emailAddress\">" + a.subject() + "</saml:NameID>"
                + "<saml:SubjectConfirmation Method=\"urn:oasis:names:tc:SAML:2.0:cm:bearer\"><saml:SubjectConfirmationData"
                + " InResponseTo=\"" + a.inResponseTo() + "\" NotOnOrAfter=\"" + a.notOnOrAfter() + "\" Recipient=\"" + a.acsUrl() + "\"/>"
                + "</saml:SubjectConfirmation></saml:Subject>"
                + "<saml:Conditions NotBefore=\"" + now.minusSeconds(5) + "\" NotOnOrAfter=\"" + a.notOnOrAfter() + "\">"
                + "<saml:AudienceRestriction><saml:Audience>" + a.audience() + "</saml:Audience></saml:AudienceRestriction></saml:Conditions>"
                + "<saml:AuthnStatement AuthnInstant=\"" + now + "\" SessionIndex=\"" + assertionId + "\"><saml:AuthnContext>"
                + "<saml:AuthnContextClassRef>" + a.authnContext() + "</saml:AuthnContextClassRef></saml:AuthnContext></saml:AuthnStatement>"
                + "<saml:AttributeStatement><saml:Attribute Name=\"groups\" NameFormat=\"urn:oasis:names:tc:SAML:2.0:attrname-format:basic\">"
                + groups + "</saml:Attribute></saml:AttributeStatement>"
                + "</saml:Assertion></samlp:Response>";
        if (!a.sign()) {
            return xml;
        }
        DocumentBuilderFactory f = DocumentBuilderFactory.newInstance();
        f.setNamespaceAware(true);
        Document doc = f.newDocumentBuilder().parse(new ByteArrayInputStream(xml.getBytes(StandardCharsets.UTF_8)));
        Element assertion = (Element) doc.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Assertion").item(0);
        assertion.setIdAttributeNS(null, "ID", true);
        Node subject = assertion.getElementsByTagNameNS("urn:oasis:names:tc:SAML:2.0:assertion", "Subject").item(0);
        a.signer().sign(assertion, subject, assertionId);
        StringWriter out = new StringWriter();
        TransformerFactory.newInstance().newTransformer().transform(new DOMSource(doc), new StreamResult(out));
        return out.toString();
    }

    private void sign(Element assertion, Node before, String id) throws Exception {
        XMLSignatureFactory fac = XMLSignatureFactory.getInstance("DOM");
        Reference ref = fac.newReference("#" + id, fac.newDigestMethod(DigestMethod.SHA256, null),
                List.of(fac.newTransform(Transform.ENVELOPED, (TransformParameterSpec) null),
                        fac.newTransform(CanonicalizationMethod.EXCLUSIVE, (TransformParameterSpec) null)), null, null);
        SignedInfo si = fac.newSignedInfo(fac.newCanonicalizationMethod(CanonicalizationMethod.EXCLUSIVE, (C14NMethodParameterSpec) null),
                fac.newSignatureMethod(SignatureMethod.RSA_SHA256, null), List.of(ref));
        KeyInfoFactory kif = fac.getKeyInfoFactory();
        KeyInfo ki = kif.newKeyInfo(List.of(kif.newX509Data(List.of(cert))));
        fac.newXMLSignature(si, ki).sign(new DOMSignContext(key, assertion, before));
    }

    /** A signed answer with its signature element taken out afterwards. */
    static String withoutSignature(String signedXml) {
        return signedXml.replaceAll("(?s)<ds:Signature.*?</ds:Signature>", "").replaceAll("(?s)<Signature .*?</Signature>", "");
    }
}
