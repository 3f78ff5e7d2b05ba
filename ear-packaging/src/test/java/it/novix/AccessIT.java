package it.novix;

import io.novix.launcher.NovixStack;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Roles through the real API: what each may do, mass assignment refused, admin changes audited with before/after. */
class AccessIT {

    private static NovixStack stack;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
    }

    /** The audit row of an admin request, with its before/after opened through the API (they are stored sealed, class 10). */
    private static Map<String, Object> auditRow(Api.Answer answer) throws Exception {
        List<Map<String, Object>> rows = Db.query(stack, "SELECT id, principal, action, outcome, http_status, error_code, actor_role, "
                + "tenant_id, before_state::text AS clear_before, after_state::text AS clear_after, change_sealed IS NOT NULL AS sealed "
                + "FROM audit_record WHERE request_id = ?", answer.requestId());
        assertEquals(1, rows.size(), "one audit row per admin request");
        Map<String, Object> row = new java.util.HashMap<>(rows.get(0));
        assertNull(row.get("clear_before"), "no admin state is stored in clear");
        assertNull(row.get("clear_after"), "no admin state is stored in clear");
        assertEquals(Boolean.TRUE, row.get("sealed"), "the change is sealed under the tenant's data key");
        Api.Answer detail = api.admin("GET", "/admin/tenants/" + row.get("tenant_id") + "/audit/" + row.get("id"), null);
        assertEquals(200, detail.status(), detail.body());
        jakarta.json.JsonObject d = detail.object();
        row.put("before", !d.containsKey("before") || d.isNull("before") ? null : d.get("before").toString());
        row.put("after", !d.containsKey("after") || d.isNull("after") ? null : d.get("after").toString());
        return row;
    }

    @Test
    void aTenantAdminRunsItsTenantButNotThePlatform() throws Exception {
        String tenant = api.tenant(Identities.slug("acc"), "ENTERPRISE");
        String admin = Identities.token(api, tenant, "tenant-admin", "admin:tokens", "admin:users", "admin:policy", "audit:read",
                "inference:chat", "inference:embeddings", "inference:images", "inference:audio"); // a full tenant admin: may hand on every scope

        String dev = Identities.tokenBy(api, admin, tenant, "developer", "inference:chat");
        assertEquals(200, api.chat(dev, Api.chatBody("hello")).status(), "a developer token issued by the tenant admin works");

        Api.Answer user = api.send("POST", "/admin/tenants/" + tenant + "/users", admin,
                "{\"subject\":\"ada@acme.example\",\"displayName\":\"Ada\"}");
        assertEquals(201, user.status(), user.body());
        String userId = user.object().getString("id");
        Api.Answer bound = api.send("POST", "/admin/tenants/" + tenant + "/users/" + userId + "/roles", admin, "{\"role\":\"auditor\"}");
        assertEquals(200, bound.status(), bound.body());
        assertEquals(List.of("auditor"), bound.object().getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class)
                .stream().map(jakarta.json.JsonString::getString).toList());
        Map<String, Object> bindRow = auditRow(bound);
        assertEquals("admin.role.bind", bindRow.get("action"));
        assertEquals("tenant-admin", bindRow.get("actor_role"));
        assertTrue(bindRow.get("before").toString().contains("\"roles\":[]"), bindRow.toString());
        assertTrue(bindRow.get("after").toString().contains("\"roles\":[\"auditor\"]"), bindRow.toString());

        Api.Answer mapping = api.send("PUT", "/admin/tenants/" + tenant + "/group-mappings", admin,
                "{\"groups\":{\"acme-novix-admins\":[\"tenant-admin\"],\"acme-devs\":[\"developer\",\"auditor\"]}}");
        assertEquals(200, mapping.status(), mapping.body());
        assertEquals(2, api.send("GET", "/admin/tenants/" + tenant + "/group-mappings", admin, null).object()
                .getJsonObject("groups").getJsonArray("acme-devs").size());
        assertEquals(200, api.send("GET", "/admin/tenants/" + tenant + "/audit?limit=5", admin, null).status());

        for (String[] call : new String[][] {{"POST", "/admin/tenants", "{\"slug\":\"x-" + UUID.randomUUID().toString().substring(0, 6)
                + "\",\"name\":\"x\",\"tier\":\"STANDARD\",\"homeRegion\":\"eu\"}"}, {"GET", "/admin/tenants", null},
                {"GET", "/admin/model-endpoints", null}, {"POST", "/admin/signing-keys/rotate", null}}) {
            Api.Answer refused = api.send(call[0], call[1], admin, call[2]);
            assertEquals(403, refused.status(), call[1] + ": " + refused.body());
            assertEquals("permission_denied", refused.errorCode());
            assertEquals("DENIED", Db.audit(stack, refused.requestId()).get(0).get("outcome"));
        }
        Api.Answer infer = api.chat(admin, Api.chatBody("admins do not run models"));
        assertEquals(403, infer.status(), "separation of duties: a tenant admin does not run inference");
    }

    @Test
    void anAuditorOnlyReadsAndADeveloperOnlyInfers() throws Exception {
        String tenant = api.tenant(Identities.slug("aud"), "STANDARD");
        String auditor = Identities.token(api, tenant, "auditor", "audit:read");
        String dev = Identities.token(api, tenant, "developer", "inference:chat");
        Api.Answer call = api.chat(dev, Api.chatBody("metered"));
        assertEquals(200, call.status());

        Api.Answer trail = api.send("GET", "/admin/tenants/" + tenant + "/audit", auditor, null);
        assertEquals(200, trail.status(), trail.body());
        assertTrue(trail.json().asJsonArray().getValuesAs(JsonObject.class).stream()
                .anyMatch(r -> r.getString("requestId").equals(call.requestId())), "the auditor sees the developer's call");
        JsonObject usage = api.send("GET", "/admin/tenants/" + tenant + "/usage", auditor, null).object();
        assertTrue(usage.getJsonObject("totals").getJsonNumber("tokensOut").longValue() > 0, usage.toString());

        assertEquals(403, api.chat(auditor, Api.chatBody("no")).status(), "the auditor never runs inference");
        Api.Answer misfit = api.admin("POST", "/admin/tenants/" + tenant + "/tokens",
                "{\"name\":\"x\",\"role\":\"auditor\",\"scopes\":[\"inference:chat\"],\"expiresIn\":\"P1D\"}");
        assertEquals(400, misfit.status(), "an auditor token cannot even carry an inference scope");
        assertEquals(403, api.send("POST", "/admin/tenants/" + tenant + "/tokens", auditor,
                "{\"name\":\"x\",\"scopes\":[\"inference:chat\"],\"expiresIn\":\"P1D\"}").status());
        assertEquals(403, api.send("GET", "/admin/tenants/" + tenant + "/audit", dev, null).status(), "developers do not read the audit");
        assertEquals(200, api.send("GET", "/admin/tenants/" + tenant, dev, null).status(), "but they may read their tenant");
    }

    @Test
    void bodiesCannotPickATenantOrGrantARole() throws Exception {
        String tenant = api.tenant(Identities.slug("mass"), "STANDARD");
        String other = api.tenant(Identities.slug("mass"), "STANDARD");
        String admin = Identities.token(api, tenant, "tenant-admin", "admin:tokens", "admin:users");

        Api.Answer tokenForOther = api.send("POST", "/admin/tenants/" + tenant + "/tokens", admin,
                "{\"name\":\"x\",\"tenantId\":\"" + other + "\",\"scopes\":[\"inference:chat\"],\"expiresIn\":\"P1D\"}");
        assertEquals(400, tokenForOther.status());
        assertEquals("forbidden_field", tokenForOther.errorCode());
        Api.Answer selfPromoted = api.send("POST", "/admin/tenants/" + tenant + "/users", admin,
                "{\"subject\":\"eve\",\"displayName\":\"Eve\",\"roles\":[\"tenant-admin\"]}");
        assertEquals("forbidden_field", selfPromoted.errorCode());
        Api.Answer platform = api.send("POST", "/admin/tenants/" + tenant + "/tokens", admin,
                "{\"name\":\"x\",\"role\":\"platform-admin\",\"scopes\":[\"admin:tokens\"],\"expiresIn\":\"P1D\"}");
        assertEquals(400, platform.status(), "platform-admin is never a tenant role");
        String user = api.send("POST", "/admin/tenants/" + tenant + "/users", admin, "{\"subject\":\"bob\",\"displayName\":\"Bob\"}")
                .object().getString("id");
        assertEquals(400, api.send("POST", "/admin/tenants/" + tenant + "/users/" + user + "/roles", admin,
                "{\"role\":\"platform-admin\"}").status());
        Api.Answer chat = api.chat(Identities.token(api, tenant, "developer", "inference:chat"),
                "{\"tenant\":\"" + other + "\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertEquals("forbidden_field", chat.errorCode());
        assertEquals(0, Db.query(stack, "SELECT 1 FROM api_token WHERE tenant_id = ?", UUID.fromString(other)).size(),
                "nothing was created in the other tenant");
    }

    @Test
    void issuedSecretsNeverReachTheAuditTrail() throws Exception {
        String tenant = api.tenant(Identities.slug("sec"), "STANDARD");
        Api.Answer issued = api.admin("POST", "/admin/tenants/" + tenant + "/tokens",
                "{\"name\":\"ci\",\"role\":\"developer\",\"scopes\":[\"inference:chat\"],\"expiresIn\":\"P1D\"}");
        String secret = issued.object().getString("token");
        Map<String, Object> row = auditRow(issued);
        assertEquals("platform-admin", row.get("actor_role"));
        assertNull(row.get("before"), "a creation has no before");
        assertTrue(row.get("after").toString().contains(issued.object().getString("prefix")), "the after state names the token");
        assertFalse(row.get("after").toString().contains("\"token\""), row.get("after").toString());
        Api.Answer sa = api.admin("POST", "/admin/tenants/" + tenant + "/service-accounts",
                "{\"name\":\"batch\",\"scopes\":[\"inference:chat\"]}");
        String clientSecret = sa.object().getString("clientSecret");
        Api.Answer rotated = api.admin("POST", "/admin/tenants/" + tenant + "/tokens/" + issued.object().getString("id") + "/rotate", null);
        Map<String, Object> rotation = auditRow(rotated);
        assertTrue(rotation.get("before").toString().contains(issued.object().getString("prefix")), "before: the old token");
        assertTrue(rotation.get("after").toString().contains(rotated.object().getString("prefix")), "after: its successor");
        for (String s : new String[] {secret, clientSecret, rotated.object().getString("token")}) {
            assertEquals(0, Db.query(stack, "SELECT 1 FROM audit_record WHERE before_state::text LIKE ? OR after_state::text LIKE ? "
                    + "OR target LIKE ? OR principal LIKE ?", "%" + s + "%", "%" + s + "%", "%" + s + "%", "%" + s + "%").size());
        }
    }
}
