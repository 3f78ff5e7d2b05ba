package it.novix;

import io.novix.launcher.NovixStack;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.Statement;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, tamper evidence through the running server: the trail verifies, its chain heads get
 * signed checkpoints, one row changed directly in PostgreSQL is named by the verification (and
 * verifies again once restored), and the public keys are published. Auditors may verify; others not.
 */
class AuditIntegrityIT {

    private static NovixStack stack;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
    }

    @Test
    void monthsAreListedExportedAndTenantsHeld() throws Exception {
        Api api = new Api(stack.baseUrl(), stack.adminToken());
        String tenant = api.tenant("hold-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        String month = "audit_record_" + java.time.YearMonth.now(java.time.ZoneOffset.UTC).toString().replace('-', '_');
        jakarta.json.JsonArray months = api.admin("GET", "/admin/audit/partitions", null).json().asJsonArray();
        assertTrue(months.stream().anyMatch(m -> m.asJsonObject().getString("partition").equals(month)), months.toString());
        assertTrue(months.size() >= 4, "this month and three ahead: " + months);

        Api.Answer placed = api.admin("POST", "/admin/tenants/" + tenant + "/legal-holds", "{\"reason\":\"litigation 2026-17\"}");
        assertEquals(201, placed.status(), placed.body());
        long hold = placed.object().getJsonNumber("id").longValue();
        assertEquals(1, api.admin("GET", "/admin/tenants/" + tenant + "/legal-holds", null).json().asJsonArray().size());
        assertEquals(400, api.admin("POST", "/admin/tenants/" + tenant + "/legal-holds", "{\"reason\":\"\"}").status());
        Api.Answer released = api.admin("DELETE", "/admin/tenants/" + tenant + "/legal-holds/" + hold, null);
        assertEquals(200, released.status(), released.body());
        assertNotNull(released.object().getString("releasedAt"));
        assertEquals(404, api.admin("DELETE", "/admin/tenants/" + tenant + "/legal-holds/" + hold, null).status(), "released once");

        Api.Answer export = api.admin("GET", "/admin/audit/partitions/" + month + "/export", null);
        assertEquals(200, export.status());
        String[] lines = export.body().split("\n");
        assertTrue(lines[0].contains("\"tenantId\":\"*\""), lines[0]);
        assertTrue(lines[lines.length - 1].contains("\"type\":\"end\""), "the whole month was written");
        JsonObject listed = api.admin("GET", "/admin/audit/partitions", null).json().asJsonArray().stream()
                .map(jakarta.json.JsonValue::asJsonObject).filter(m -> m.getString("partition").equals(month)).findFirst().orElseThrow();
        assertTrue(listed.getInt("exports") >= 1, "the export is recorded: " + listed);
        assertEquals(404, api.admin("GET", "/admin/audit/partitions/audit_record_1999_01/export", null).status());
        assertEquals(404, api.admin("GET", "/admin/audit/partitions/pg_authid/export", null).status());

        String tenantAdmin = api.token(tenant).getString("token"); // any tenant credential
        assertEquals(403, api.send("GET", "/admin/audit/partitions", tenantAdmin, null).status(), "platform only");
        assertEquals(403, api.send("POST", "/admin/tenants/" + tenant + "/legal-holds", tenantAdmin, "{\"reason\":\"x\"}").status());
    }

    @Test
    void theServerWorksUnderTheApplicationRoleWhichCannotRewriteTheTrail() throws Exception {
        Api api = new Api(stack.baseUrl(), stack.adminToken());
        String tenant = api.tenant("roles-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        String token = api.token(tenant).getString("token");
        assertEquals(200, api.chat(token, Api.chatBody("as novix_app")).status(), "served, and audited, under the application role");

        // the evidence an auditor takes away for AU-9: the requirement, the configuration read now, the records, the verification
        JsonObject au9 = api.admin("GET", "/admin/tenants/" + tenant + "/audit/evidence?control=AU-9", null).object();
        assertEquals("AU-9", au9.getJsonArray("controls").getJsonObject(0).getString("control"));
        JsonObject config = au9.getJsonObject("configuration");
        assertEquals("false", config.getString("applicationRoleMayRewriteTrail"), au9.toString());
        assertEquals(stack.appUser(), config.getString("databaseLogin"));
        assertTrue(config.getString("auditTriggers").contains("audit_record_no_truncate"));
        JsonObject records = au9.getJsonObject("records");
        assertEquals(1, records.getJsonNumber("admissions").longValue());
        assertEquals(0, records.getJsonNumber("admissionsWithoutOutcome").longValue());
        assertTrue(au9.getJsonObject("verification").getBoolean("verified"));
        assertEquals(9, api.admin("GET", "/admin/tenants/" + tenant + "/audit/evidence", null).object().getJsonArray("controls").size());
        assertEquals(400, api.admin("GET", "/admin/tenants/" + tenant + "/audit/evidence?control=AU-99", null).status());
        assertFalse(Db.query(stack, "SELECT 1 FROM pg_stat_activity WHERE usename = ?", stack.appUser()).isEmpty(),
                "the server's pool logs in as " + stack.appUser());
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.appUser(), stack.appPassword());
             Statement s = c.createStatement()) {
            for (String sql : new String[]{"TRUNCATE audit_record", "DELETE FROM audit_record", "ALTER TABLE audit_record DISABLE TRIGGER ALL",
                    "UPDATE audit_checkpoint SET signature = signature"}) {
                java.sql.SQLException refused = org.junit.jupiter.api.Assertions.assertThrows(java.sql.SQLException.class, () -> s.execute(sql));
                assertEquals("42501", refused.getSQLState(), sql + ": " + refused.getMessage());
            }
        }
    }

    @Test
    void theTrailVerifiesAndAChangedRowIsNamed() throws Exception {
        String tenant = api.tenant("integ-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        Api.Answer call = api.chat(api.token(tenant).getString("token"), Api.chatBody("evidence"));
        assertEquals(200, call.status());
        Map<String, Object> row = Db.audit(stack, call.requestId()).get(0);
        assertNotNull(row.get("entry_hash"), "the row is chained");

        JsonObject verification;
        long deadline = System.nanoTime() + 30_000_000_000L;
        do { // checkpoints are signed in the background (NOVIX_AUDIT_CHECKPOINT_INTERVAL)
            verification = api.admin("GET", "/admin/audit/verification", null).object();
        } while (verification.getInt("checkpoints") == 0 && System.nanoTime() < deadline);
        assertTrue(verification.getBoolean("verified"), verification.toString());
        assertTrue(verification.getInt("checked") > 0);
        assertTrue(verification.getInt("checkpoints") > 0, verification.toString());

        long id = ((Number) row.get("id")).longValue();
        String target = (String) row.get("target");
        tamper(id, "forged/model");
        try {
            JsonObject broken = api.admin("GET", "/admin/audit/verification", null).object();
            assertFalse(broken.getBoolean("verified"));
            JsonObject failure = broken.getJsonObject("firstFailure");
            assertEquals("CHANGED", failure.getString("kind"));
            assertEquals(id, failure.getJsonNumber("rowId").longValue());
        } finally {
            tamper(id, target);
        }
        assertTrue(api.admin("GET", "/admin/audit/verification", null).object().getBoolean("verified"), "restored");

        JsonObject keys = api.admin("GET", "/admin/audit/keys", null).object();
        assertFalse(keys.isEmpty(), "the checkpoint keys are published");
        String auditor = Identities.token(api, tenant, "auditor", "audit:read");
        assertEquals(200, api.send("GET", "/admin/audit/verification", auditor, null).status());
        String developer = Identities.token(api, tenant, "developer", "inference:chat");
        assertEquals(403, api.send("GET", "/admin/audit/verification", developer, null).status());
    }

    @Test
    void anExportVerifiesOfflineAndDisclosesNoOtherTenantsRows() throws Exception {
        java.time.Instant from = java.time.Instant.now().minusSeconds(5);
        String a = api.tenant("expa-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        String b = api.tenant("expb-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        String ta = api.token(a).getString("token");
        String tb = api.token(b).getString("token");
        java.util.List<String> others = new java.util.ArrayList<>();
        for (int i = 0; i < 3; i++) {
            assertEquals(200, api.chat(ta, Api.chatBody("mine " + i)).status());
            Api.Answer theirs = api.chat(tb, Api.chatBody("theirs " + i));
            others.add(theirs.requestId());
        }
        Api.Answer mine = api.chat(ta, Api.chatBody("last"));
        String url = "/admin/tenants/" + a + "/audit/export?from=" + from;
        String export;
        long deadline = System.nanoTime() + 30_000_000_000L;
        do { // until the export holds a signed checkpoint of the chain (NOVIX_AUDIT_CHECKPOINT_INTERVAL)
            export = api.admin("GET", url, null).body();
        } while (!export.contains("\"type\":\"checkpoint\"") && System.nanoTime() < deadline);
        var outcome = io.novix.audit.proof.OfflineVerifier.verify(new java.io.StringReader(export), Map.of());
        assertTrue(outcome.verified(), outcome.toString());
        assertTrue(outcome.rows() >= 4 && outcome.proofs() >= 3 && outcome.checkpoints() >= 1, outcome.toString());
        assertTrue(export.contains(mine.requestId()));
        String body = export;
        others.forEach(id -> assertFalse(body.contains(id), "another tenant's row is proven by digest only"));

        java.nio.file.Path file = java.nio.file.Files.createTempFile("novix-export", ".ndjson");
        java.nio.file.Files.writeString(file, export);
        java.nio.file.Path jar = java.nio.file.Path.of("..", "src", "novix-audit-proof", "target", "novix-audit-verify.jar");
        Process verifier = new ProcessBuilder(java.nio.file.Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-jar", jar.toString(), file.toString()).redirectErrorStream(true).start();
        String printed = new String(verifier.getInputStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(0, verifier.waitFor(), printed);
        assertTrue(printed.startsWith("verified"), printed);

        Api.Answer csv = api.admin("GET", url + "&format=csv", null);
        assertEquals(200, csv.status());
        assertTrue(csv.body().startsWith("type,occurredAt,chainId,seq,"), csv.body().lines().findFirst().orElse(""));
        assertEquals(400, api.admin("GET", url + "&format=xml", null).status());

        long id = ((Number) Db.audit(stack, mine.requestId()).get(0).get("id")).longValue();
        String target = (String) Db.audit(stack, mine.requestId()).get(0).get("target");
        tamper(id, "forged/model");
        try {
            var broken = io.novix.audit.proof.OfflineVerifier.verify(new java.io.StringReader(api.admin("GET", url, null).body()), Map.of());
            assertFalse(broken.verified());
            assertTrue(broken.failure().contains("CHANGED"), broken.failure());
        } finally {
            tamper(id, target);
        }
    }

    @Test
    void theTrailIsFilteredAndPagedByCursor() throws Exception {
        String tenant = api.tenant("filt-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        String token = api.token(tenant).getString("token");
        java.time.Instant from = java.time.Instant.now(); // after the token's issuance (an admin.* row)
        for (int i = 0; i < 5; i++) {
            assertEquals(200, api.chat(token, Api.chatBody("page " + i)).status());
        }
        assertEquals(400, api.chat(token, "{\"temperature\":9,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").status());
        String base = "/admin/tenants/" + tenant + "/audit?action=inference.*&from=" + from;

        java.util.List<Long> seen = new java.util.ArrayList<>();
        String next = base + "&limit=2";
        int pages = 0;
        while (next != null && pages++ < 10) {
            Api.Answer page = api.admin("GET", next, null);
            assertEquals(200, page.status(), page.body());
            page.json().asJsonArray().getValuesAs(JsonObject.class).forEach(r -> seen.add(r.getJsonNumber("id").longValue()));
            next = page.raw().headers().firstValue("Link").map(l -> l.substring(l.indexOf('<') + 1, l.indexOf('>'))).orElse(null);
            if (next != null) {
                assertTrue(next.startsWith("/admin/tenants/" + tenant + "/audit?"), "a relative link: " + next);
            }
        }
        assertEquals(6, seen.size(), "every call once across the pages: " + seen);
        assertEquals(seen.stream().sorted(java.util.Comparator.reverseOrder()).toList(), seen, "newest first, no repeats");

        Api.Answer failed = api.admin("GET", base + "&outcome=FAILED&errorCode=invalid_field", null);
        assertEquals(1, failed.json().asJsonArray().size(), failed.body());
        assertEquals(0, api.admin("GET", "/admin/tenants/" + tenant + "/audit?action=admin.*&from=" + from, null).json().asJsonArray().size());
        for (String bad : new String[]{"outcome=MAYBE", "action=%25", "before=x", "limit=0", "from=yesterday", "model=..%2Fx"}) {
            assertEquals(400, api.admin("GET", "/admin/tenants/" + tenant + "/audit?" + bad, null).status(), bad);
        }
    }

    @Test
    void aCallersRequestIdIsKeptButNeverShared() throws Exception {
        String token = api.token(api.tenant("rid-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD")).getString("token");
        String mine = "client-" + UUID.randomUUID();
        java.util.Set<String> ids = new java.util.HashSet<>();
        for (int i = 0; i < 2; i++) { // the same X-Request-Id twice
            java.net.http.HttpResponse<String> r = java.net.http.HttpClient.newHttpClient().send(java.net.http.HttpRequest.newBuilder(
                            java.net.URI.create(stack.baseUrl() + "/v1/chat/completions")).header("Authorization", "Bearer " + token)
                    .header("Content-Type", "application/json").header("X-Request-Id", mine)
                    .POST(java.net.http.HttpRequest.BodyPublishers.ofString(Api.chatBody("same id"))).build(),
                    java.net.http.HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            String id = r.headers().firstValue("X-Request-Id").orElseThrow();
            assertTrue(id.matches(java.util.regex.Pattern.quote(mine) + "~[0-9a-f]{12}"), id);
            assertEquals(1, Db.audit(stack, id).size(), "its own row");
            ids.add(id);
        }
        assertEquals(2, ids.size(), "two calls, two ids");
        assertEquals(2, Db.auditByClientId(stack, mine).size(), "both found by the caller's id");
    }

    /** What a database owner could do: the append-only trigger switched off for one transaction. */
    private static void tamper(long id, String target) throws Exception {
        try (Connection c = DriverManager.getConnection(stack.jdbcUrl(), stack.dbUser(), stack.dbPassword())) {
            c.setAutoCommit(false);
            try (Statement s = c.createStatement()) {
                s.execute("SET LOCAL session_replication_role = replica");
            }
            try (PreparedStatement p = c.prepareStatement("UPDATE audit_record SET target = ? WHERE id = ?")) {
                p.setString(1, target);
                p.setLong(2, id);
                assertEquals(1, p.executeUpdate());
            }
            c.commit();
        }
    }
}
