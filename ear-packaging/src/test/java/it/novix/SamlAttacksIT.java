package it.novix;

import io.novix.launcher.NovixStack;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SAML answers an attacker could send to a tenant's service provider, built by an IdP under the
 * test's control that the tenant really trusts: each is refused with 401/403, opens no session and
 * leaves a denial row, while the genuine answer signs in. Also the Government tier's MFA rule.
 */
class SamlAttacksIT {

    private static NovixStack stack;
    private static Api api;

    record Sp(String tenantId, JsonObject registration) {
        String acs() { return registration.getString("acsUrl"); }
        String audience() { return registration.getString("spEntityId"); }
        String login() { return registration.getString("loginUrl"); }
    }

    /** A sign-in Liberty has started: the browser holding its cookies and the AuthnRequest it sent. */
    record Started(SamlBrowser browser, String requestId, String requestXml, Map<String, String> form) {
    }

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
    }

    private static Path keys() {
        return Path.of(System.getProperty("novix.test.home", "target/it-home")).resolve("saml-forge");
    }

    private static Sp register(String tier, SamlForge idp, String requiredAuthnContext) throws Exception {
        String tenant = api.tenant(Identities.slug("forge"), tier);
        JsonObject body = Json.createObjectBuilder().add("metadataXml", idp.metadata())
                .add("requiredAuthnContext", requiredAuthnContext == null ? jakarta.json.JsonValue.NULL : Json.createValue(requiredAuthnContext))
                .build();
        Api.Answer r = api.admin("PUT", "/admin/tenants/" + tenant + "/idp", body.toString());
        assertEquals(200, r.status(), r.body());
        assertEquals(200, api.admin("PUT", "/admin/tenants/" + tenant + "/group-mappings", "{\"groups\":{\"admins\":[\"tenant-admin\"]}}").status());
        Sp sp = new Sp(tenant, r.object());
        ServiceProviderWait.until(sp.audience() + "/samlmetadata");
        return sp;
    }

    private static Started begin(Sp sp) throws Exception {
        SamlBrowser browser = new SamlBrowser();
        SamlBrowser.Form form = SamlBrowser.form(browser.get(sp.login()));
        String request = form.fields().get("SAMLRequest");
        return new Started(browser, SamlForge.requestId(request), SamlForge.requestXml(request), form.fields());
    }

    private static HttpResponse<String> finish(Started s, Sp sp, String samlResponse) throws Exception {
        Map<String, String> post = new LinkedHashMap<>();
        post.put("SAMLResponse", samlResponse);
        if (s.form().containsKey("RelayState")) {
            post.put("RelayState", s.form().get("RelayState"));
        }
        return s.browser().post(sp.acs(), post);
    }

    private static long denials(String tenantId) throws Exception {
        return Db.query(stack, "SELECT 1 FROM audit_record WHERE action = 'sso.login' AND outcome = 'DENIED' AND tenant_id = ?",
                UUID.fromString(tenantId)).size();
    }

    private static boolean session(HttpResponse<String> r) {
        return r.headers().allValues("Set-Cookie").stream().anyMatch(c -> c.startsWith("novix_session=") && !c.startsWith("novix_session=;"));
    }

    private static String b64(String xml) {
        return Base64.getEncoder().encodeToString(xml.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void forgedAndTamperedAnswersAreRefusedAndAudited() throws Exception {
        SamlForge idp = SamlForge.create(keys(), "tenant-idp");
        SamlForge stranger = SamlForge.create(keys(), "another-tenants-idp");
        Sp sp = register("ENTERPRISE", idp, null);

        Started control = begin(sp);
        String genuine = idp.encode(idp.answer(control.requestId(), sp.acs(), sp.audience(), "root@forge.example",
                List.of("admins"), SamlForge.PASSWORD));
        HttpResponse<String> ok = finish(control, sp, genuine);
        assertEquals(200, ok.statusCode(), "the trusted IdP's genuine answer signs in: " + ok.body());
        assertTrue(session(ok));

        Map<String, Function<String, String>> attacks = new LinkedHashMap<>();
        attacks.put("unsigned assertion", id -> enc(idp, idp.answer(id, sp.acs(), sp.audience(), "root@forge.example",
                List.of("admins"), SamlForge.PASSWORD).unsigned()));
        attacks.put("signature removed", id -> b64(SamlForge.withoutSignature(xml(idp, idp.answer(id, sp.acs(), sp.audience(),
                "root@forge.example", List.of("admins"), SamlForge.PASSWORD)))));
        attacks.put("signed by another tenant's IdP", id -> enc(idp, idp.answer(id, sp.acs(), sp.audience(), "root@forge.example",
                List.of("admins"), SamlForge.PASSWORD).signedBy(stranger)));
        attacks.put("wrong audience", id -> enc(idp, idp.answer(id, sp.acs(), "https://another-sp.example/saml", "root@forge.example",
                List.of("admins"), SamlForge.PASSWORD)));
        attacks.put("expired NotOnOrAfter", id -> enc(idp, idp.answer(id, sp.acs(), sp.audience(), "root@forge.example",
                List.of("admins"), SamlForge.PASSWORD).expiring(Instant.now().minusSeconds(600))));
        attacks.put("content changed after signing", id -> b64(xml(idp, idp.answer(id, sp.acs(), sp.audience(), "root@forge.example",
                List.of("users"), SamlForge.PASSWORD)).replace(">users<", ">admins<")));

        List<String> failures = new ArrayList<>();
        for (Map.Entry<String, Function<String, String>> attack : attacks.entrySet()) {
            long before = denials(sp.tenantId());
            Started s = begin(sp);
            HttpResponse<String> r = finish(s, sp, attack.getValue().apply(s.requestId()));
            if ((r.statusCode() != 401 && r.statusCode() != 403) || session(r) || denials(sp.tenantId()) <= before) {
                failures.add(attack.getKey() + " → " + r.statusCode() + " session=" + session(r) + " " + r.body());
            }
        }
        long before = denials(sp.tenantId());
        HttpResponse<String> replay = finish(control, sp, genuine);
        if ((replay.statusCode() != 401 && replay.statusCode() != 403) || session(replay) || denials(sp.tenantId()) <= before) {
            failures.add("replayed genuine answer → " + replay.statusCode() + " " + replay.body());
        }
        assertEquals(List.of(), failures);
    }

    @Test
    void governmentTenantsAdmitPeopleOnlyWithTheRequiredAuthenticationContext() throws Exception {
        SamlForge idp = SamlForge.create(keys(), "gov-idp");
        String gov = api.tenant(Identities.slug("gov"), "GOVERNMENT");
        Api.Answer noMfa = api.admin("PUT", "/admin/tenants/" + gov + "/idp",
                Json.createObjectBuilder().add("metadataXml", idp.metadata()).build().toString());
        assertEquals(400, noMfa.status(), "a Government IdP must require an authentication context");
        Api.Answer humanToken = api.admin("POST", "/admin/tenants/" + gov + "/tokens",
                "{\"name\":\"x\",\"role\":\"tenant-admin\",\"scopes\":[\"admin:tokens\"],\"expiresIn\":\"P1D\"}");
        assertEquals(400, humanToken.status(), "people reach a Government tenant only through SSO");
        assertTrue(humanToken.body().contains("single sign-on"), humanToken.body());

        Sp sp = register("GOVERNMENT", idp, SamlForge.MFA);
        Started withPassword = begin(sp);
        assertTrue(withPassword.requestXml().contains(SamlForge.MFA), "the AuthnRequest asks for MFA: " + withPassword.requestXml());
        long before = denials(sp.tenantId());
        HttpResponse<String> weak = finish(withPassword, sp, idp.encode(idp.answer(withPassword.requestId(), sp.acs(), sp.audience(),
                "officer@agency.example", List.of("admins"), SamlForge.PASSWORD)));
        assertTrue(weak.statusCode() == 401 || weak.statusCode() == 403, "password-only: " + weak.statusCode() + " " + weak.body());
        assertTrue(!session(weak) && denials(sp.tenantId()) > before);

        Started withMfa = begin(sp);
        HttpResponse<String> strong = finish(withMfa, sp, idp.encode(idp.answer(withMfa.requestId(), sp.acs(), sp.audience(),
                "officer@agency.example", List.of("admins"), SamlForge.MFA)));
        assertEquals(200, strong.statusCode(), strong.body());
        JsonObject s = Json.createReader(new StringReader(strong.body())).readObject();
        assertEquals(SamlForge.MFA, s.getString("authnContext"));
        assertTrue(Duration.between(Instant.now(), Instant.parse(s.getString("expiresAt"))).compareTo(Duration.ofMinutes(61)) < 0,
                "Government sessions last at most an hour");
    }

    private static String enc(SamlForge idp, SamlForge.Answer a) {
        try {
            return idp.encode(a);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static String xml(SamlForge idp, SamlForge.Answer a) {
        try {
            return idp.xml(a);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
