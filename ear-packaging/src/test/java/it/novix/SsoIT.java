package it.novix;

import io.novix.launcher.NovixStack;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.StringReader;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * SAML 2.0 SSO against a real Keycloak acting as the IdP of two tenants: people sign in through
 * Keycloak's login form, get a Novix session with the roles their groups map to, and reach only
 * their own tenant; answers from the wrong IdP and replayed answers are refused and audited.
 */
class SsoIT {

    private static KeycloakServer kc;
    private static NovixStack stack;
    private static Api api;
    private static Tenant a;
    private static Tenant b;

    record Tenant(String id, String slug, String realm, JsonObject sp) {
        String loginUrl() {
            return sp.getString("loginUrl");
        }
    }

    @BeforeAll
    static void start() throws Exception {
        kc = KeycloakServer.startInTestHome();
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
        a = tenant("sso-a", "ENTERPRISE", null);
        b = tenant("sso-b", "ENTERPRISE", null);
        kc.user(a.realm(), "alice", "alice-pw-1", "novix-admins");
        kc.user(a.realm(), "bob", "bob-pw-1");
        kc.user(a.realm(), "dave", "dave-pw-1", "novix-auditors");
        kc.user(b.realm(), "carol", "carol-pw-1", "novix-admins");
    }

    @AfterAll
    static void stop() {
        if (kc != null) {
            kc.close();
        }
    }

    /** A tenant with its own Keycloak realm registered as IdP, groups mapped to roles, and the SP live. */
    private static Tenant tenant(String prefix, String tier, String requiredAuthnContext) throws Exception {
        String slug = Identities.slug(prefix);
        String id = api.tenant(slug, tier);
        String realm = "realm-" + slug;
        kc.realm(realm);
        String body = Json.createObjectBuilder().add("metadataXml", kc.metadata(realm)).add("groupAttribute", "groups")
                .add("requiredAuthnContext", requiredAuthnContext == null ? jakarta.json.JsonValue.NULL
                        : Json.createValue(requiredAuthnContext)).build().toString();
        Api.Answer registered = api.admin("PUT", "/admin/tenants/" + id + "/idp", body);
        assertEquals(200, registered.status(), registered.body());
        JsonObject sp = registered.object();
        assertEquals(kc.issuer(realm), sp.getString("idpEntityId"));
        kc.samlClient(realm, sp.getString("spEntityId"), sp.getString("acsUrl"));
        assertEquals(200, api.admin("PUT", "/admin/tenants/" + id + "/group-mappings",
                "{\"groups\":{\"novix-admins\":[\"tenant-admin\"],\"novix-auditors\":[\"auditor\"]}}").status());
        ServiceProviderWait.until(sp.getString("spMetadataUrl")); // Liberty applies the written SP asynchronously
        return new Tenant(id, slug, realm, sp);
    }

    private static JsonObject json(HttpResponse<String> r) {
        return Json.createReader(new StringReader(r.body())).readObject();
    }

    private static List<Map<String, Object>> signIns(String tenantId) throws Exception {
        return Db.query(stack, "SELECT principal, outcome, error_code, actor_role FROM audit_record WHERE action = 'sso.login' "
                + "AND tenant_id = ? ORDER BY id", UUID.fromString(tenantId));
    }

    @Test
    void aPersonSignsInThroughKeycloakAndAdministersOnlyTheirTenant() throws Exception {
        SamlBrowser browser = new SamlBrowser();
        SamlBrowser.SignedIn in = browser.signIn(a.loginUrl(), "alice", "alice-pw-1");
        assertEquals(200, in.answer().statusCode(), in.answer().body());
        JsonObject session = json(in.answer());
        assertEquals(a.id(), session.getString("tenantId"));
        assertEquals("alice@" + a.realm() + ".example", session.getString("subject"), "the NameID (e-mail format) is the subject");
        assertEquals(List.of("tenant-admin"), session.getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class).stream()
                .map(jakarta.json.JsonString::getString).toList());
        String setCookie = in.answer().headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("novix_session="))
                .findFirst().orElseThrow();
        assertTrue(setCookie.contains("HttpOnly") && setCookie.contains("SameSite=Strict") && setCookie.contains("Path=/;")
                && !setCookie.contains("Version=1"), setCookie + ": browsers take a quoted (RFC 2109) path literally");

        HttpResponse<String> users = browser.get(stack.baseUrl() + "/admin/tenants/" + a.id() + "/users");
        assertEquals(200, users.statusCode(), users.body());
        assertTrue(users.body().contains("\"alice@"), "signing in created the user: " + users.body());
        assertEquals(403, browser.post(stack.baseUrl() + "/admin/tenants/" + a.id() + "/users", Map.of()).statusCode(),
                "a change with the cookie alone is refused (CSRF)");
        HttpResponse<String> other = browser.get(stack.baseUrl() + "/admin/tenants/" + b.id() + "/users");
        assertEquals(404, other.statusCode(), "tenant B is invisible to tenant A's admin");
        HttpResponse<String> list = browser.get(stack.baseUrl() + "/admin/tenants");
        assertEquals(403, list.statusCode());

        Map<String, Object> row = signIns(a.id()).stream().filter(r -> r.get("principal").toString().startsWith("user:alice@")).findFirst().orElseThrow();
        assertEquals("SUCCESS", row.get("outcome"));
        assertEquals("tenant-admin", row.get("actor_role"));
    }

    /** Hardening class 6: what an admin changes reaches a signed-in person's next request, and their tokens. */
    @Test
    void changesToMappingsBindingsAndThePersonReachLiveSessions() throws Exception {
        Tenant r = tenant("sso-r", "ENTERPRISE", null);
        kc.user(r.realm(), "erin", "erin-pw-1", "novix-admins");
        SamlBrowser browser = new SamlBrowser();
        SamlBrowser.SignedIn in = browser.signIn(r.loginUrl(), "erin", "erin-pw-1");
        assertEquals(200, in.answer().statusCode(), in.answer().body());
        String csrf = json(in.answer()).getString("csrfToken");
        String tenantUrl = stack.baseUrl() + "/admin/tenants/" + r.id();
        assertEquals(200, browser.get(tenantUrl + "/users").statusCode(), "tenant-admin through the IdP group");

        // a token issued through the session records who issued it
        HttpResponse<String> issued = browser.json("POST", tenantUrl + "/tokens",
                "{\"name\":\"erins-script\",\"scopes\":[\"inference:chat\"],\"expiresIn\":\"P7D\"}", csrf);
        assertEquals(201, issued.statusCode(), issued.body());
        String subject = "user:erin@" + r.realm() + ".example";
        assertEquals(subject, json(issued).getString("issuedBy"));
        String erinsToken = json(issued).getString("token");
        assertEquals(200, api.chat(erinsToken, Api.chatBody("before")).status());

        // the mapping changes: the group now gives auditor only → the live session is downgraded at once
        assertEquals(200, api.admin("PUT", "/admin/tenants/" + r.id() + "/group-mappings",
                "{\"groups\":{\"novix-admins\":[\"auditor\"]}}").status());
        assertEquals(403, browser.get(tenantUrl + "/users").statusCode(), "no longer a tenant admin");
        assertEquals(200, browser.get(tenantUrl + "/audit").statusCode(), "still an auditor");

        // the mapping goes: no role is left → the session ends
        assertEquals(200, api.admin("PUT", "/admin/tenants/" + r.id() + "/group-mappings", "{\"groups\":{}}").status());
        assertEquals(401, browser.get(tenantUrl + "/audit").statusCode(), "no role left: the session is over");

        // a direct binding cannot bring back more than the session signed in with, and removing the person ends it
        String erin = api.admin("GET", "/admin/tenants/" + r.id() + "/users", null).json().asJsonArray().stream()
                .map(v -> v.asJsonObject()).filter(u -> u.getString("subject").equals(subject.substring(5))).findFirst()
                .orElseThrow().getString("id");
        assertEquals(200, api.admin("POST", "/admin/tenants/" + r.id() + "/users/" + erin + "/roles", "{\"role\":\"auditor\"}").status());
        assertEquals(200, browser.get(tenantUrl + "/audit").statusCode(), "the binding gives auditor back");
        assertEquals(200, api.admin("DELETE", "/admin/tenants/" + r.id() + "/users/" + erin + "/roles/auditor", null).status());
        assertEquals(401, browser.get(tenantUrl + "/audit").statusCode(), "the binding removed: the session is over");
        assertEquals(200, api.admin("POST", "/admin/tenants/" + r.id() + "/users/" + erin + "/roles", "{\"role\":\"auditor\"}").status());
        assertEquals(200, browser.get(tenantUrl + "/audit").statusCode());
        assertEquals(204, api.admin("DELETE", "/admin/tenants/" + r.id() + "/users/" + erin, null).status());
        assertEquals(401, browser.get(tenantUrl + "/audit").statusCode(), "the person removed: the session is over");

        // the tenant admin revokes everything erin issued
        Api.Answer revoked = api.admin("POST", "/admin/tenants/" + r.id() + "/tokens/revoke-issued-by",
                "{\"issuedBy\":\"" + subject + "\"}");
        assertEquals(200, revoked.status(), revoked.body());
        assertEquals(1, revoked.json().asJsonArray().size());
        assertEquals(401, api.chat(erinsToken, Api.chatBody("after")).status());
    }

    /** Hardening class 7: a captured SAMLResponse signs nobody in a second time, whichever browser posts it. */
    @Test
    void anAssertionIsSingleUseWhateverBrowserRepostsIt() throws Exception {
        SamlBrowser browser = new SamlBrowser();
        SamlBrowser.SignedIn in = browser.signIn(a.loginUrl(), "alice", "alice-pw-1");
        assertEquals(200, in.answer().statusCode(), in.answer().body());
        long deniedBefore = signIns(a.id()).stream().filter(r -> "saml_assertion_replayed".equals(r.get("error_code"))).count();
        List<HttpResponse<String>> replays = List.of(
                SamlBrowser.withCookies(in.cookiesBeforeAcs()).post(in.acsUrl(), in.samlPost()), // the same browser, as it was
                browser.post(in.acsUrl(), in.samlPost()));                                     // the same browser, signed in
        for (HttpResponse<String> replay : replays) {
            assertTrue(replay.statusCode() == 401 || replay.statusCode() == 403, "replayed: " + replay.statusCode() + " " + replay.body());
            assertTrue(replay.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("novix_session=")),
                    "a replay never opens a session");
        }
        long sessions = (Long) Db.query(stack, "SELECT count(*) AS n FROM user_session WHERE subject = ?",
                "alice@" + a.realm() + ".example").get(0).get("n");
        long signInRows = signIns(a.id()).stream().filter(r -> r.get("principal").toString().startsWith("user:alice@")
                && "SUCCESS".equals(r.get("outcome"))).count();
        assertEquals(signInRows, sessions, "every session comes from one successful, audited sign-in");
        assertTrue(signIns(a.id()).stream().filter(r -> "saml_assertion_replayed".equals(r.get("error_code"))).count() > deniedBefore,
                "replays are audited");
    }

    @Test
    void aFirstSignInNeverDowngradesDirectBindings() throws Exception {
        String dave = api.admin("POST", "/admin/tenants/" + a.id() + "/users", "{\"subject\":\"dave@" + a.realm() + ".example\",\"displayName\":\"Dave\"}")
                .object().getString("id");
        assertEquals(200, api.admin("POST", "/admin/tenants/" + a.id() + "/users/" + dave + "/roles", "{\"role\":\"tenant-admin\"}").status());
        SamlBrowser.SignedIn in = new SamlBrowser().signIn(a.loginUrl(), "dave", "dave-pw-1");
        assertEquals(200, in.answer().statusCode(), in.answer().body());
        assertEquals(List.of("auditor", "tenant-admin"), json(in.answer()).getJsonArray("roles")
                .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList(),
                "the IdP group adds auditor; the direct tenant-admin binding stays");
        assertEquals(List.of("tenant-admin"), api.admin("GET", "/admin/tenants/" + a.id() + "/users/" + dave, null).object()
                .getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
    }

    @Test
    void someoneWithoutAMappedRoleGetsNoSession() throws Exception {
        SamlBrowser.SignedIn in = new SamlBrowser().signIn(a.loginUrl(), "bob", "bob-pw-1");
        assertEquals(403, in.answer().statusCode(), in.answer().body());
        assertEquals("no_role", json(in.answer()).getJsonObject("error").getString("code"));
        assertTrue(in.answer().headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("novix_session=")));
        assertTrue(signIns(a.id()).stream().anyMatch(r -> r.get("principal").toString().startsWith("user:bob@") && "DENIED".equals(r.get("outcome"))
                && "no_role".equals(r.get("error_code"))));
    }

    @Test
    void anAnswerFromAnotherTenantsIdpAndAReplayedAnswerAreRefused() throws Exception {
        SamlBrowser.SignedIn alice = new SamlBrowser().signIn(a.loginUrl(), "alice", "alice-pw-1");
        assertEquals(200, alice.answer().statusCode());
        HttpResponse<String> replay = new SamlBrowser().post(alice.acsUrl(), alice.samlPost());
        assertTrue(replay.statusCode() == 401 || replay.statusCode() == 403, "replayed: " + replay.statusCode() + " " + replay.body());
        assertTrue(replay.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("novix_session=")));

        SamlBrowser.SignedIn carol = new SamlBrowser().signIn(b.loginUrl(), "carol", "carol-pw-1");
        assertEquals(200, carol.answer().statusCode(), carol.answer().body());
        long deniedBefore = signIns(a.id()).stream().filter(r -> "DENIED".equals(r.get("outcome"))).count();
        HttpResponse<String> crossed = new SamlBrowser().post(a.sp().getString("acsUrl"), carol.samlPost());
        assertTrue(crossed.statusCode() == 401 || crossed.statusCode() == 403, "B's answer at A: " + crossed.statusCode() + " " + crossed.body());
        assertTrue(crossed.headers().allValues("Set-Cookie").stream().noneMatch(c -> c.startsWith("novix_session=")));
        assertTrue(signIns(a.id()).stream().filter(r -> "DENIED".equals(r.get("outcome"))).count() > deniedBefore,
                "the refusal left a denial row for tenant A");
    }
}
