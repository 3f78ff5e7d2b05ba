package it.novix;

import io.novix.launcher.NovixStack;
import jakarta.json.Json;
import jakarta.json.JsonObject;

import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * ClusterIT's SAML part: an assertion that signed someone in on one instance signs nobody in on
 * another, even answering that instance's own AuthnRequest with a valid signature (the used
 * assertion ids are rows in the shared PostgreSQL, not in an instance's memory).
 */
final class ClusterSignIn {


    private ClusterSignIn() {
    }

    /** One instance's view of the tenant's service provider: its own URLs, from its own public URL. */
    private record Sp(String login, String acs, String audience) {
        static Sp on(JsonObject registration, String registeredOn, String instance) {
            return new Sp(registration.getString("loginUrl").replace(registeredOn, instance),
                    registration.getString("acsUrl").replace(registeredOn, instance),
                    registration.getString("spEntityId").replace(registeredOn, instance));
        }
    }

    static void anAssertionIsSingleUseAcrossInstances(NovixStack a, Api admin, List<String> instances) throws Exception {
        SamlForge idp = SamlForge.create(Path.of(System.getProperty("novix.test.home", "target/it-home")).resolve("saml-forge"),
                "cluster-idp");
        String tenant = admin.tenant(Identities.slug("cluster-sso"), "ENTERPRISE");
        Api.Answer registered = admin.admin("PUT", "/admin/tenants/" + tenant + "/idp",
                Json.createObjectBuilder().add("metadataXml", idp.metadata()).build().toString());
        assertEquals(200, registered.status(), registered.body());
        assertEquals(200, admin.admin("PUT", "/admin/tenants/" + tenant + "/group-mappings",
                "{\"groups\":{\"admins\":[\"tenant-admin\"]}}").status());
        Sp onA = Sp.on(registered.object(), instances.get(0), instances.get(0));
        Sp onB = Sp.on(registered.object(), instances.get(0), instances.get(1));
        awaitServiceProvider(onA);
        awaitServiceProvider(onB); // B learns the tenant's IdP from PostgreSQL (ServiceProviderSync)

        String assertion = "_a" + UUID.randomUUID().toString().replace("-", "");
        SamlBrowser first = new SamlBrowser();
        SamlBrowser.Form started = SamlBrowser.form(first.get(onA.login()));
        HttpResponse<String> signedIn = finish(first, started, onA, idp.answer(SamlForge.requestId(started.fields().get("SAMLRequest")),
                onA.acs(), onA.audience(), "ada@cluster.example", List.of("admins"), SamlForge.PASSWORD).assertion(assertion), idp);
        assertTrue(session(signedIn), "the genuine answer signs in on A: " + signedIn.statusCode() + " " + signedIn.body());

        // the same assertion, re-signed as an answer to B's own AuthnRequest: refused as replayed, and audited
        SamlBrowser second = new SamlBrowser();
        SamlBrowser.Form startedOnB = SamlBrowser.form(second.get(onB.login()));
        HttpResponse<String> replayed = finish(second, startedOnB, onB, idp.answer(SamlForge.requestId(startedOnB.fields()
                .get("SAMLRequest")), onB.acs(), onB.audience(), "ada@cluster.example", List.of("admins"), SamlForge.PASSWORD)
                .assertion(assertion), idp);
        assertTrue(replayed.statusCode() == 401 || replayed.statusCode() == 403, "replayed on B: " + replayed.statusCode());
        assertTrue(!session(replayed), "a replay opens no session on another instance");
        assertEquals(1, Db.query(a, "SELECT 1 FROM audit_record WHERE action = 'sso.login' AND tenant_id = ? "
                + "AND error_code = 'saml_assertion_replayed'", UUID.fromString(tenant)).size(), "the replay is audited as one");

        // the control: the same answer to B with a fresh assertion id signs in, so the refusal above was the replay's
        SamlBrowser third = new SamlBrowser();
        SamlBrowser.Form control = SamlBrowser.form(third.get(onB.login()));
        HttpResponse<String> fresh = finish(third, control, onB, idp.answer(SamlForge.requestId(control.fields().get("SAMLRequest")),
                onB.acs(), onB.audience(), "ada@cluster.example", List.of("admins"), SamlForge.PASSWORD), idp);
        assertTrue(session(fresh), "B signs in a fresh assertion: " + fresh.statusCode() + " " + fresh.body());
        System.out.println("SAML across instances: an assertion used on A was refused on B as replayed; a fresh one signed in on B");
    }

    private static HttpResponse<String> finish(SamlBrowser browser, SamlBrowser.Form started, Sp sp, SamlForge.Answer answer,
                                               SamlForge idp) throws Exception {
        Map<String, String> post = new LinkedHashMap<>();
        post.put("SAMLResponse", idp.encode(answer));
        if (started.fields().containsKey("RelayState")) {
            post.put("RelayState", started.fields().get("RelayState"));
        }
        return browser.post(sp.acs(), post);
    }

    private static boolean session(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("novix_session=") && !c.startsWith("novix_session=;"));
    }

    private static void awaitServiceProvider(Sp sp) throws Exception {
        ServiceProviderWait.until(sp.audience() + "/samlmetadata");
    }
}
