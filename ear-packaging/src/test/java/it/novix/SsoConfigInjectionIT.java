package it.novix;

import io.novix.launcher.NovixStack;
import jakarta.json.Json;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hardening class 1: tenant data is never interpreted as configuration. Liberty expands
 * {@code ${...}} in the SP configuration Novix writes from tenant values; a tenant admin who could
 * put {@code ${env.NOVIX_ADMIN_TOKEN}} into the authentication context would receive the platform's
 * admin token in every AuthnRequest sent to the tenant's own IdP.
 */
class SsoConfigInjectionIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static NovixStack stack;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
    }

    private static Path keys() {
        return Path.of(System.getProperty("novix.test.home", "target/it-home")).resolve("saml-forge");
    }

    /** The platform's secrets, by the names Liberty would expand, and their values. */
    private static Map<String, String> secrets() {
        return Map.of("NOVIX_ADMIN_TOKEN", stack.adminToken(), "NOVIX_JWT_KEK", stack.jwtKek(), "HF_API_KEY", Stacks.HF_KEY,
                "NOVIX_DB_PASSWORD", stack.dbPassword().length() >= 8 ? stack.dbPassword() : stack.adminToken());
    }

    private static List<String> leaks(String where, String text) {
        List<String> found = new ArrayList<>();
        secrets().forEach((name, value) -> {
            if (text.contains(value)) {
                found.add(name + " in " + where);
            }
        });
        return found;
    }

    @Test
    void secretReferencesInAnyTenantValueAreRefusedAtRegistration() throws Exception {
        SamlForge idp = SamlForge.create(keys(), "inject-idp");
        String tenant = api.tenant(Identities.slug("inject"), "ENTERPRISE");
        String good = idp.metadata();
        List<String> failures = new ArrayList<>();
        for (String name : secrets().keySet()) {
            String ref = "${env." + name + "}";
            Map<String, String> bodies = Map.of(
                    "requiredAuthnContext", body(good, "groups", "urn:x:" + ref),
                    "groupAttribute", body(good, ref, null),
                    "entityID", body(good.replace("entityID=\"", "entityID=\"urn:x:" + ref), "groups", null),
                    "SSO Location", body(good.replace("Location=\"http://127.0.0.1:9/forge-sso", "Location=\"http://127.0.0.1:9/" + ref), "groups", null),
                    "quote in context", body(good, "groups", "urn:x\" authnContextClassRef=\"" + ref),
                    "XML in group attribute", body(good, "g\"/><variable name=\"x\" value=\"" + ref + "\"/><x a=\"", null));
            for (Map.Entry<String, String> b : bodies.entrySet()) {
                Api.Answer r = api.admin("PUT", "/admin/tenants/" + tenant + "/idp", b.getValue());
                if (r.status() != 400 || !r.body().contains("\"code\":\"invalid_field\"")) {
                    failures.add(b.getKey() + " with " + name + " → " + r.status() + " " + r.body());
                }
                failures.addAll(leaks("the refusal of " + b.getKey(), r.body()));
            }
        }
        assertEquals(List.of(), failures);
        assertEquals(404, api.admin("GET", "/admin/tenants/" + tenant + "/idp", null).status(), "nothing was registered");
    }

    /**
     * A row that holds secret references (stored before the grammar, or edited in the database) is
     * refused when the files are written: no AuthnRequest, page or log line carries a secret, and the
     * other tenant, synced in the same pass, still gets its service provider.
     */
    @Test
    void aPoisonedRowNeverReachesLibertyAndNeverStopsOtherTenants() throws Exception {
        SamlForge idp = SamlForge.create(keys(), "poison-idp");
        String poisonedSlug = Identities.slug("poisoned");
        String poisoned = api.tenant(poisonedSlug, "ENTERPRISE");
        String healthySlug = Identities.slug("healthy");
        String healthy = api.tenant(healthySlug, "ENTERPRISE");
        long logBefore = Files.exists(stack.messagesLog()) ? Files.size(stack.messagesLog()) : 0;
        try {
            insert(poisoned, idp.metadata(), "${env.NOVIX_ADMIN_TOKEN}", "urn:x:${env.NOVIX_ADMIN_TOKEN}:${env.NOVIX_JWT_KEK}:${env.HF_API_KEY}:${env.NOVIX_DB_PASSWORD}");
            insert(healthy, idp.metadata(), "groups", null);

            String healthyMetadata = stack.baseUrl() + "/ibm/saml20/" + healthySlug + "/samlmetadata";
            Instant end = Instant.now().plus(Duration.ofSeconds(60));
            while (HTTP.send(HttpRequest.newBuilder(URI.create(healthyMetadata)).build(), HttpResponse.BodyHandlers.discarding()).statusCode() != 200) {
                assertTrue(Instant.now().isBefore(end), "the healthy tenant's SP was never applied");
                Thread.sleep(200); // polling for the periodic sync and Liberty's config monitor; no event to wait on
            }

            List<String> leaks = new ArrayList<>();
            SamlBrowser browser = new SamlBrowser();
            HttpResponse<String> login = browser.get(stack.baseUrl() + "/sso/" + poisonedSlug + "/login");
            leaks.addAll(leaks("the poisoned tenant's login page", login.body() + login.headers().map()));
            leaks.addAll(leaks("the poisoned tenant's AuthnRequest", authnRequest(login)));
            assertFalse(login.body().contains("SAMLRequest"), "no SP answers for the poisoned tenant: " + login.body());

            HttpResponse<String> good = new SamlBrowser().get(stack.baseUrl() + "/sso/" + healthySlug + "/login");
            String request = authnRequest(good);
            assertTrue(request.contains("AuthnRequest"), "the healthy tenant signs in as before: " + good.body());
            leaks.addAll(leaks("the healthy tenant's AuthnRequest", request));

            String log = Files.readString(stack.messagesLog()).substring((int) Math.min(logBefore, Files.size(stack.messagesLog())));
            leaks.addAll(leaks("messages.log", log));
            assertTrue(log.contains("tenant " + poisoned + ": the stored SAML configuration is refused"), "the refusal is logged");
            assertEquals(List.of(), leaks);
        } finally {
            Db.update(stack, "DELETE FROM tenant_idp WHERE tenant_id = ?", UUID.fromString(poisoned));
        }
    }

    private static String body(String metadata, String group, String context) {
        var b = Json.createObjectBuilder().add("metadataXml", metadata).add("groupAttribute", group);
        if (context != null) {
            b.add("requiredAuthnContext", context);
        }
        return b.build().toString();
    }

    private static void insert(String tenant, String metadata, String group, String context) throws Exception {
        String entityId = metadata.replaceAll("(?s).*entityID=\"([^\"]*)\".*", "$1");
        Db.update(stack, "INSERT INTO tenant_idp (tenant_id, idp_entity_id, metadata_xml, group_attribute, required_authn_context, updated_at, version)"
                + " VALUES (?, ?, ?, ?, ?, ?, 0)", UUID.fromString(tenant), entityId, metadata, group, context, Timestamp.from(Instant.now()));
    }

    /** The decoded SAMLRequest of an auto-posting form, or the page itself when there is none. */
    private static String authnRequest(HttpResponse<String> page) {
        try {
            String request = SamlBrowser.form(page).fields().get("SAMLRequest");
            return request == null ? page.body() : SamlForge.requestXml(request);
        } catch (AssertionError | RuntimeException e) {
            return page.body();
        }
    }
}
