package it.novix;

import io.novix.launcher.NovixStack;
import io.novix.sim.HfSimulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hardening class 10: a HIPAA (Enterprise) tenant's prompt reaches the upstream without the
 * personal data in it, and the audit row says which kinds were removed (never the values); a SOC 2
 * (Standard) tenant's prompt goes as sent. A tenant's own settings and custom patterns apply on the
 * next call, never below its compliance profile unless the platform administrator sets them, and
 * the settings change is audited with its before/after sealed under the tenant's data key.
 */
class RedactionIT {

    private static final String PROMPT = "Patient jane.doe@clinic.example, card 4111 1111 1111 1111, SSN 123-45-6789: summarise";
    private static NovixStack stack;
    private static Api api;
    private static HfSimulator sim;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
        sim = stack.simulator().orElseThrow();
    }

    @Test
    void aHipaaTenantsPromptLeavesWithoutPersonalData() throws Exception {
        String token = api.token(api.tenant("pii-" + UUID.randomUUID().toString().substring(0, 8), "ENTERPRISE")).getString("token");
        Api.Answer a = api.chat(token, Api.chatBody(PROMPT));
        assertEquals(200, a.status(), a.body());
        String sent = new String(sim.seen().get(sim.seen().size() - 1).body(), StandardCharsets.UTF_8);
        for (String secret : new String[]{"jane.doe", "4111", "123-45-6789"}) {
            assertFalse(sent.contains(secret), secret + " went upstream: " + sent);
        }
        assertTrue(sent.contains("[REDACTED:EMAIL]") && sent.contains("summarise"), sent);
        Map<String, Object> row = Db.audit(stack, a.requestId()).get(0);
        assertEquals("EMAIL=1,CARD=1,US_SSN=1", row.get("redactions"));
        assertFalse(row.toString().contains("jane.doe"), "the audit row never holds the values");
    }

    @Test
    void aSoc2TenantsPromptGoesAsSent() throws Exception {
        String token = api.token(api.tenant("soc-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD")).getString("token");
        Api.Answer a = api.chat(token, Api.chatBody(PROMPT));
        assertEquals(200, a.status(), a.body());
        String sent = new String(sim.seen().get(sim.seen().size() - 1).body(), StandardCharsets.UTF_8);
        assertTrue(sent.contains("jane.doe@clinic.example"), sent);
        assertNull(Db.audit(stack, a.requestId()).get(0).get("redactions"));
    }

    @Test
    void aComplianceProfileRaisedByPolicyRedactsAsTheProfileRequires() throws Exception {
        String tenant = api.tenant("raised-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        assertEquals(200, api.admin("PUT", "/admin/tenants/" + tenant + "/policy", "{\"complianceProfile\":\"HIPAA\"}").status());
        Api.Answer a = api.chat(api.token(tenant).getString("token"), Api.chatBody(PROMPT));
        assertEquals(200, a.status(), a.body());
        String sent = new String(sim.seen().get(sim.seen().size() - 1).body(), StandardCharsets.UTF_8);
        assertFalse(sent.contains("jane.doe@clinic.example"), "a Standard tenant under HIPAA by policy: " + sent);
        assertEquals("EMAIL=1,CARD=1,US_SSN=1", Db.audit(stack, a.requestId()).get(0).get("redactions"));
        assertEquals("HIPAA", api.admin("GET", "/admin/tenants/" + tenant + "/redaction", null).object().getString("complianceProfile"));
    }

    @Test
    void aTenantsOwnPatternsApplyAndItsAdminCannotGoBelowTheProfile() throws Exception {
        String tenant = api.tenant("own-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        String admin = tenantAdmin(tenant);
        Api tenantApi = new Api(stack.baseUrl(), admin);
        Api.Answer set = tenantApi.admin("PUT", "/admin/tenants/" + tenant + "/redaction",
                "{\"upstream\":true,\"customPatterns\":[{\"name\":\"EMPLOYEE_ID\",\"pattern\":\"EMP-[0-9]{6}\"}]}");
        assertEquals(200, set.status(), set.body());
        assertEquals("tenant", set.object().getString("upstreamSource"));
        assertEquals("profile", set.object().getString("rulesSource"));

        String token = api.token(tenant).getString("token");
        Api.Answer a = api.chat(token, Api.chatBody("EMP-004211 asks jane@bank.example"));
        assertEquals(200, a.status(), a.body());
        String sent = new String(sim.seen().get(sim.seen().size() - 1).body(), StandardCharsets.UTF_8);
        assertFalse(sent.contains("EMP-004211"), sent);
        assertTrue(sent.contains("[REDACTED:EMPLOYEE_ID]") && sent.contains("jane@bank.example"), "SOC 2 keeps e-mails: " + sent);
        assertEquals("EMPLOYEE_ID=1", Db.audit(stack, a.requestId()).get(0).get("redactions"));

        Api.Answer bad = tenantApi.admin("PUT", "/admin/tenants/" + tenant + "/redaction",
                "{\"customPatterns\":[{\"name\":\"EVIL\",\"pattern\":\"(a+)+$\"}]}");
        assertEquals(400, bad.status(), bad.body());
        assertTrue(bad.body().contains("\"code\":\"invalid_field\""), bad.body());

        String hipaa = api.tenant("hip-" + UUID.randomUUID().toString().substring(0, 8), "ENTERPRISE");
        Api.Answer weaker = new Api(stack.baseUrl(), tenantAdmin(hipaa)).admin("PUT", "/admin/tenants/" + hipaa + "/redaction",
                "{\"upstream\":false}");
        assertEquals(403, weaker.status(), weaker.body());
        assertTrue(weaker.body().contains("\"code\":\"redaction_below_profile\""), weaker.body());
        assertEquals(200, api.admin("PUT", "/admin/tenants/" + hipaa + "/redaction", "{\"upstream\":false}").status(),
                "the platform administrator may");
    }

    @Test
    void aSettingsChangeIsAuditedWithItsStatesSealedUnderTheTenantsDataKey() throws Exception {
        String tenant = api.tenant("seal-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        String body = "{\"upstream\":true,\"customPatterns\":[{\"name\":\"CASE_REF\",\"pattern\":\"CASE-[0-9]{4}\"}]}";
        Api.Answer first = api.admin("PUT", "/admin/tenants/" + tenant + "/redaction", body);
        assertEquals(200, first.status(), first.body());
        Map<String, Object> row = Db.audit(stack, first.requestId()).get(0);
        assertNull(row.get("before_state"));
        assertNull(row.get("after_state"));
        byte[] sealed = (byte[]) row.get("change_sealed");
        assertTrue(sealed != null && sealed.length > 28, "sealed: nonce, ciphertext, tag");
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("CASE_REF"), "no plain text in the column");
        assertEquals(1, ((Number) row.get("data_key_version")).intValue());

        Api.Answer rotated = api.admin("POST", "/admin/tenants/" + tenant + "/data-keys/rotate", null);
        assertEquals(201, rotated.status(), rotated.body());
        assertEquals(2, rotated.object().getInt("version"));
        Api.Answer second = api.admin("PUT", "/admin/tenants/" + tenant + "/redaction", "{\"upstream\":false}");
        assertEquals(200, second.status(), second.body());
        assertEquals(2, ((Number) Db.audit(stack, second.requestId()).get(0).get("data_key_version")).intValue(),
                "new seals use the new version");

        Object id = row.get("id");
        Api.Answer detail = api.admin("GET", "/admin/tenants/" + tenant + "/audit/" + id, null);
        assertEquals(200, detail.status(), detail.body());
        assertTrue(detail.object().getJsonObject("after").getJsonArray("customPatterns").toString().contains("CASE_REF"),
                "what version 1 sealed still opens: " + detail.body());
        String other = api.tenant("other-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        assertEquals(404, api.admin("GET", "/admin/tenants/" + other + "/audit/" + id, null).status(),
                "an entry opens only under its own tenant");
    }

    /** A tenant-admin token of the tenant, with the policy and audit scopes. */
    private static String tenantAdmin(String tenant) throws Exception {
        Api.Answer a = api.admin("POST", "/admin/tenants/" + tenant + "/tokens", "{\"name\":\"admin\",\"role\":\"tenant-admin\","
                + "\"scopes\":[\"admin:policy\",\"audit:read\"],\"expiresIn\":\"P1D\"}");
        assertEquals(201, a.status(), a.body());
        return a.object().getString("token");
    }
}
