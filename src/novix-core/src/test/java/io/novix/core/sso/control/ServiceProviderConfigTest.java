package io.novix.core.sso.control;

import io.novix.core.sso.entity.IdpMetadata;
import io.novix.core.sso.entity.LibertyValue;
import io.novix.core.sso.entity.TenantIdp;
import org.junit.jupiter.api.Test;

import java.lang.reflect.Field;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tenant values never become Liberty configuration: every field, every payload, at registration and at write time. */
class ServiceProviderConfigTest {

    static final String CERT = "MIIBPzCB5qADAgECAgkA9GXJVtBiAt0wCgYIKoZIzj0EAwIwEzERMA8GA1UEAxMIdGVzdC1pZHAwIBcNMjYxMjAyMTYxODIyWhgPMjEyNjEx"
            + "MDgxNjE4MjJaMBMxETAPBgNVBAMTCHRlc3QtaWRwMFkwEwYHKoZIzj0CAQYIKoZIzj0DAQcDQgAEV54a4w/4ytekMapZ9thjh5DpQY6sK9oMAesTq7rb"
            + "//CNNdFUmPNGkOokueH2ARi+7BGDz1hzAPIPENGT1l4IUaMhMB8wHQYDVR0OBBYEFNWL4SuyYHIhhiKqmJ94eAfsQlZuMAoGCCqGSM49BAMCA0gAMEUC"
            + "IQDVv8Dc4N4I2nm28wJGuGcM8CQ/B2Ff2Y8FKjtDZO/P4QIgFDksfAMuFb+5dIpZX4NTZ931U6z5hKmkhXsxn418PSc=";

    /** What an attacker puts into a tenant value to reach a platform secret or break the file. */
    static final List<String> PAYLOADS = List.of("${env.NOVIX_ADMIN_TOKEN}", "urn:x:${env.NOVIX_JWT_KEK}", "https://idp.example/${NOVIX_DB_PASSWORD}",
            "urn:a:$${HF_API_KEY}", "urn:a:{x}", "urn:a:\"/><featureManager><feature>x</feature></featureManager><x a=\"",
            "urn:a:'x'", "urn:a:<x>", "urn:a:b\nc", "urn:a:b\u0000c", "urn:a:b\tc", "urn:a:b c", "urn:a:b\\c",
            "urn:a:b\u202ec", "relative/path", "", " ", "urn:" + "a".repeat(600));

    static String metadata(String entityId, String location, String extra) {
        return "<md:EntityDescriptor xmlns:md=\"urn:oasis:names:tc:SAML:2.0:metadata\" xmlns:ds=\"http://www.w3.org/2000/09/xmldsig#\""
                + " entityID=\"" + xmlAttr(entityId) + "\"><md:IDPSSODescriptor protocolSupportEnumeration=\"urn:oasis:names:tc:SAML:2.0:protocol\">"
                + "<md:KeyDescriptor use=\"signing\"><ds:KeyInfo><ds:X509Data><ds:X509Certificate>" + CERT
                + "</ds:X509Certificate></ds:X509Data></ds:KeyInfo></md:KeyDescriptor>"
                + "<md:SingleSignOnService Binding=\"urn:oasis:names:tc:SAML:2.0:bindings:HTTP-POST\" Location=\"" + xmlAttr(location) + "\"/>"
                + "</md:IDPSSODescriptor>" + extra + "</md:EntityDescriptor>";
    }

    private static String xmlAttr(String s) {
        StringBuilder b = new StringBuilder();
        for (char c : s.toCharArray()) {
            b.append(c < 0x20 || c == '"' || c == '<' || c == '&' ? "&#" + (int) c + ";" : String.valueOf(c));
        }
        return b.toString();
    }

    static IdpMetadata good() {
        return IdpMetadata.parse(metadata("https://idp.example/realms/acme", "https://idp.example/sso", ""));
    }

    @Test
    void everyPayloadInEveryTenantFieldIsRefusedAtRegistration() {
        List<String> accepted = new ArrayList<>();
        for (String p : PAYLOADS) {
            if (refusesMetadata(metadata(p, "https://idp.example/sso", ""))) { } else { accepted.add("entityID " + p); }
            if (refusesMetadata(metadata("https://idp.example/x", p, ""))) { } else { accepted.add("Location " + p); }
            if (!refuses(() -> new TenantIdp(UUID.randomUUID(), good(), p, null, Instant.now()))) {
                accepted.add("groupAttribute " + p);
            }
            if (!refuses(() -> new TenantIdp(UUID.randomUUID(), good(), "groups", p, Instant.now()))) {
                accepted.add("requiredAuthnContext " + p);
            }
        }
        assertEquals(List.of(), accepted);
    }

    private static boolean refusesMetadata(String xml) {
        return refuses(() -> IdpMetadata.parse(xml));
    }

    private static boolean refuses(Runnable r) {
        try {
            r.run();
            return false;
        } catch (IllegalArgumentException e) {
            for (String secretName : List.of("NOVIX_ADMIN_TOKEN", "NOVIX_JWT_KEK", "NOVIX_DB_PASSWORD", "HF_API_KEY")) {
                assertFalse(e.getMessage().contains(secretName), "the refusal echoes the value: " + e.getMessage());
            }
            return true;
        }
    }

    @Test
    void genuineValuesPassTheGrammar() {
        new TenantIdp(UUID.randomUUID(), good(), "http://schemas.xmlsoap.org/claims/Group", "urn:oasis:names:tc:SAML:2.0:ac:classes:TimeSyncToken", Instant.now());
        new TenantIdp(UUID.randomUUID(), good(), "memberOf", null, Instant.now());
        IdpMetadata.parse(metadata("urn:idp:acme", "https://login.example.com/adfs/ls/?wa=wsignin1.0&x=%20", ""));
    }

    /** The rendered file holds no variable reference but the platform's own three. */
    @Test
    void theRenderedFileCarriesOnlyThePlatformsVariables() {
        TenantIdp idp = new TenantIdp(UUID.randomUUID(), good(), "groups", "urn:oasis:names:tc:SAML:2.0:ac:classes:X509", Instant.now());
        ServiceProviderConfig sp = new ServiceProviderConfig("acme", idp, "https://novix.example", "/srv/novix/sso/acme-idp.xml");
        String xml = sp.render();
        Matcher m = Pattern.compile("\\$\\{([^}]*)}").matcher(xml);
        List<String> vars = new ArrayList<>();
        while (m.find()) {
            vars.add(m.group(1));
        }
        assertEquals(List.of("novix.saml.https-required", "novix.saml.clock-skew", "novix.saml.replay-window"), vars);
        assertTrue(xml.contains("authnContextClassRef=\"urn:oasis:names:tc:SAML:2.0:ac:classes:X509\""), xml);
    }

    /** Whatever else the tenant's document holds (organisation names, extensions) never reaches Liberty. */
    @Test
    void libertyReadsOnlyTheCanonicalMetadata() {
        IdpMetadata md = IdpMetadata.parse(metadata("https://idp.example/x", "https://idp.example/sso",
                "<md:Organization><md:OrganizationName xml:lang=\"en\">${env.NOVIX_ADMIN_TOKEN}</md:OrganizationName></md:Organization>"));
        String canonical = md.canonicalXml();
        assertFalse(canonical.contains("$"), canonical);
        assertFalse(canonical.contains("Organization"), canonical);
        assertTrue(canonical.contains(CERT));
        assertEquals(md.entityId(), IdpMetadata.parse(canonical).entityId(), "the canonical form parses to the same IdP");
        assertEquals(md.signingCertificates(), IdpMetadata.parse(canonical).signingCertificates());
    }

    /** A row stored before the grammar existed, or edited in the database, is refused when the file would be written. */
    @Test
    void aPoisonedStoredRowIsRefusedAtWriteTime() throws Exception {
        for (String field : List.of("groupAttribute", "requiredAuthnContext", "idpEntityId", "metadataXml")) {
            TenantIdp idp = new TenantIdp(UUID.randomUUID(), good(), "groups", null, Instant.now());
            String poison = field.equals("metadataXml") ? metadata("https://idp.example/${env.NOVIX_ADMIN_TOKEN}", "https://idp.example/sso", "")
                    : field.equals("idpEntityId") ? "urn:x:${env.NOVIX_ADMIN_TOKEN}" : "${env.NOVIX_ADMIN_TOKEN}";
            set(idp, field, poison);
            ServiceProviderConfig sp = new ServiceProviderConfig("acme", idp, "https://novix.example", "/srv/sso/acme-idp.xml");
            assertThrows(IllegalArgumentException.class, sp::render, field);
            assertThrows(IllegalArgumentException.class, sp::metadata, field);
        }
        assertThrows(IllegalArgumentException.class, () -> new ServiceProviderConfig("Acme\"", null, "https://novix.example", "/x"));
        assertThrows(IllegalArgumentException.class, () -> LibertyValue.slug("${x}"));
    }

    private static void set(Object target, String field, Object value) throws Exception {
        Field f = target.getClass().getDeclaredField(field);
        f.setAccessible(true);
        f.set(target, value);
    }
}
