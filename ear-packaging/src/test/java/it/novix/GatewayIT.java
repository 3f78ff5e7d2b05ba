package it.novix;

import io.novix.launcher.NovixStack;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The walking skeleton end to end: admin API, token auth, upstream call, audit rows read with SQL. */
class GatewayIT {

    private static NovixStack stack;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
    }

    private static String slug() {
        return "t-" + UUID.randomUUID().toString().substring(0, 8);
    }

    private static Map<String, Object> onlyAuditRow(Api.Answer answer) throws Exception {
        List<Map<String, Object>> rows = Db.audit(stack, answer.requestId());
        assertEquals(1, rows.size(), "exactly one audit row, committed before the answer");
        return rows.get(0);
    }

    private static void script(String faults) {
        stack.simulator().orElseThrow().script("{\"faults\":" + faults + "}");
    }

    @Test
    void chatCompletionIsAnsweredMeteredAndAudited() throws Exception {
        String tenantId = api.tenant(slug(), "ENTERPRISE");
        JsonObject issued = api.token(tenantId);
        String token = issued.getString("token");

        Api.Answer answer = api.chat(token, Api.chatBody("Hello Novix"));

        assertEquals(200, answer.status(), answer.body());
        JsonObject completion = answer.object();
        assertEquals("chat.completion", completion.getString("object"));
        assertEquals("Simulated answer from HuggingFaceH4/zephyr-7b-beta to: Hello Novix",
                completion.getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content"));
        JsonObject usage = completion.getJsonObject("usage");

        Map<String, Object> row = onlyAuditRow(answer);
        assertEquals(UUID.fromString(tenantId), row.get("tenant_id"));
        assertEquals("token:" + issued.getString("prefix"), row.get("principal"));
        assertEquals("inference.chat", row.get("action"));
        assertEquals("HuggingFaceH4/zephyr-7b-beta", row.get("target"));
        assertEquals("SUCCESS", row.get("outcome"));
        assertEquals(200, ((Number) row.get("http_status")).intValue());
        assertEquals(usage.getInt("prompt_tokens"), row.get("tokens_in"));
        assertEquals(usage.getInt("completion_tokens"), row.get("tokens_out"));
        assertEquals(1, ((Number) row.get("upstream_attempts")).intValue());

        Map<String, Object> tokenRow = Db.query(stack, "SELECT * FROM api_token WHERE prefix = ?", issued.getString("prefix")).get(0);
        assertNotNull(tokenRow.get("last_used_at"), "last use recorded in the same commit as the audit row");
        assertArrayEquals(MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)),
                (byte[]) tokenRow.get("secret_hash"), "only the SHA-256 of the token is stored");
        String secretPart = token.substring(token.lastIndexOf('_') + 1);
        assertTrue(Db.query(stack, "SELECT 1 FROM api_token t WHERE t::text LIKE ?", "%" + secretPart + "%").isEmpty());
        assertFalse(HexFormat.of().formatHex((byte[]) tokenRow.get("secret_hash")).isEmpty());
    }

    @Test
    void missingUnknownExpiredAndRevokedTokensAreDeniedAndAudited() throws Exception {
        String tenantId = api.tenant(slug(), "STANDARD");

        Api.Answer missing = api.chat(null, Api.chatBody("x"));
        assertEquals(401, missing.status());
        assertEquals("missing_token", missing.errorCode());
        assertEquals("DENIED", onlyAuditRow(missing).get("outcome"));

        Api.Answer unknown = api.chat("nvx_abcdefghijkl_" + "A".repeat(43), Api.chatBody("x"));
        assertEquals(401, unknown.status());
        assertEquals("invalid_token", unknown.errorCode());
        Map<String, Object> unknownRow = onlyAuditRow(unknown);
        assertEquals("token:abcdefghijkl", unknownRow.get("principal"));
        assertNull(unknownRow.get("tenant_id"));

        JsonObject expiring = api.token(tenantId);
        assertEquals(1, Db.update(stack, "UPDATE api_token SET created_at = now() - interval '2 days', "
                + "expires_at = now() - interval '1 second' WHERE prefix = ?", expiring.getString("prefix")));
        Api.Answer expired = api.chat(expiring.getString("token"), Api.chatBody("x"));
        assertEquals(401, expired.status());
        assertEquals("token_expired", expired.errorCode());
        assertFalse(expired.body().contains(expiring.getString("token")), "never echo the secret");
        Map<String, Object> expiredRow = onlyAuditRow(expired);
        assertEquals("DENIED", expiredRow.get("outcome"));
        assertEquals(UUID.fromString(tenantId), expiredRow.get("tenant_id"));

        JsonObject revoking = api.token(tenantId);
        assertEquals(200, api.chat(revoking.getString("token"), Api.chatBody("before")).status());
        Api.Answer revoke = api.admin("DELETE", "/admin/tenants/" + tenantId + "/tokens/" + revoking.getString("id"), null);
        assertEquals(200, revoke.status(), revoke.body());
        assertNotNull(revoke.object().getString("revokedAt"));
        Api.Answer revoked = api.chat(revoking.getString("token"), Api.chatBody("after"));
        assertEquals(401, revoked.status());
        assertEquals("token_revoked", revoked.errorCode());
        Map<String, Object> revokedRow = onlyAuditRow(revoked);
        assertEquals("DENIED", revokedRow.get("outcome"));
        assertEquals("token_revoked", revokedRow.get("error_code"));
    }

    @Test
    void malformedJsonAndUnknownFieldsGetJsonErrorsAndAreAudited() throws Exception {
        String token = api.token(api.tenant(slug(), "STANDARD")).getString("token");

        Api.Answer broken = api.chat(token, "{\"messages\": [");
        assertEquals(400, broken.status());
        assertEquals("invalid_json", broken.errorCode());
        assertEquals("FAILED", onlyAuditRow(broken).get("outcome"));

        Api.Answer unknown = api.chat(token, "{\"tenant_id\":\"someone-else\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertEquals(400, unknown.status());
        assertEquals("forbidden_field", unknown.errorCode(), "a body may never pick the tenant (mass assignment)");
        assertEquals("tenant_id", unknown.object().getJsonObject("error").getString("param"));
        assertEquals("forbidden_field", onlyAuditRow(unknown).get("error_code"));

        Api.Answer badValue = api.chat(token, "{\"temperature\":9,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertEquals(400, badValue.status());
        assertEquals("invalid_field", badValue.errorCode());
    }

    @Test
    void upstreamFailuresBecomeDocumentedJsonErrors() throws Exception {
        String token = api.token(api.tenant(slug(), "ENTERPRISE")).getString("token");

        script("[{\"kind\":\"loading\",\"estimatedTime\":0.05}]");
        Api.Answer waited = api.chat(token, Api.chatBody("loading"));
        assertEquals(200, waited.status(), "a loading model is waited out, not reported");
        assertEquals(2, ((Number) onlyAuditRow(waited).get("upstream_attempts")).intValue());

        script("[{\"kind\":\"rate_limit\"},{\"kind\":\"rate_limit\"},{\"kind\":\"rate_limit\",\"retryAfter\":7}]");
        Api.Answer limited = api.chat(token, Api.chatBody("busy"));
        assertEquals(429, limited.status());
        assertEquals("upstream_rate_limited", limited.errorCode());
        assertEquals("7", limited.raw().headers().firstValue("Retry-After").orElseThrow());
        Map<String, Object> limitedRow = onlyAuditRow(limited);
        assertEquals(3, ((Number) limitedRow.get("upstream_attempts")).intValue(), "one call plus HF_MAX_RETRIES=2");
        assertEquals("FAILED", limitedRow.get("outcome"));

        script("[{\"kind\":\"status\",\"status\":404}]");
        Api.Answer missing = api.chat(token, Api.chatBody("which model?"));
        assertEquals(404, missing.status());
        assertEquals("model_not_found", missing.errorCode());

        script("[{\"kind\":\"status\",\"status\":422,\"errorType\":\"validation\"}]");
        assertEquals(422, api.chat(token, Api.chatBody("bad")).status());

        script("[{\"kind\":\"malformed\"}]");
        Api.Answer malformed = api.chat(token, Api.chatBody("garbled"));
        assertEquals(502, malformed.status());
        assertEquals("upstream_malformed_response", malformed.errorCode());
    }

    @Test
    void adminApiIsGuardedValidatedAndAudited() throws Exception {
        Api.Answer anonymous = api.send("GET", "/admin/tenants", null, null);
        assertEquals(401, anonymous.status());
        assertEquals("missing_token", anonymous.errorCode());
        Map<String, Object> denied = onlyAuditRow(anonymous);
        assertEquals("DENIED", denied.get("outcome"));
        assertEquals("admin.tenant.list", denied.get("action"));
        assertEquals(401, new Api(stack.baseUrl(), "wrong-" + stack.adminToken()).admin("GET", "/admin/tenants", null).status());

        String slug = slug();
        Api.Answer created = api.admin("POST", "/admin/tenants",
                "{\"slug\":\"" + slug + "\",\"name\":\"Gov\",\"tier\":\"government\",\"homeRegion\":\"us-gov-1\"}");
        assertEquals(201, created.status(), created.body());
        JsonObject policy = created.object().getJsonObject("policy");
        assertEquals(500000, policy.getInt("maxRequestsPerMinute"));
        assertEquals("99.99", policy.getJsonNumber("slaPercent").bigDecimalValue().toPlainString());
        assertEquals("SOVEREIGN", policy.getString("residency"));
        assertEquals("FedRAMP High", policy.getString("compliance"));
        String id = created.object().getString("id");
        Map<String, Object> createdRow = onlyAuditRow(created);
        assertEquals("admin.tenant.create", createdRow.get("action"));
        assertEquals("platform-admin", createdRow.get("principal"));
        assertEquals(UUID.fromString(id), createdRow.get("tenant_id"));

        assertEquals(200, api.admin("GET", "/admin/tenants/" + id, null).status());
        assertEquals("tenant_exists", api.admin("POST", "/admin/tenants",
                "{\"slug\":\"" + slug + "\",\"name\":\"Again\",\"tier\":\"STANDARD\",\"homeRegion\":\"eu\"}").errorCode());
        Api.Answer badTier = api.admin("POST", "/admin/tenants", "{\"slug\":\"" + slug() + "\",\"name\":\"x\",\"tier\":\"PLATINUM\",\"homeRegion\":\"eu\"}");
        assertEquals(400, badTier.status());
        assertEquals("invalid_field", badTier.errorCode());
        assertEquals("unknown_field", api.admin("POST", "/admin/tenants",
                "{\"slug\":\"" + slug() + "\",\"name\":\"x\",\"tier\":\"STANDARD\",\"homeRegion\":\"eu\",\"status\":\"ACTIVE\"}").errorCode());
        assertEquals("invalid_json", api.admin("POST", "/admin/tenants", "nope").errorCode());
        assertEquals(404, api.admin("GET", "/admin/tenants/" + UUID.randomUUID(), null).status());
        assertEquals(404, api.admin("GET", "/admin/tenants/not-a-uuid", null).status());

        Api.Answer noExpiry = api.admin("POST", "/admin/tenants/" + id + "/tokens", "{\"name\":\"x\",\"scopes\":[\"inference:chat\"]}");
        assertEquals(400, noExpiry.status());
        assertEquals("missing_field", noExpiry.errorCode());
        assertEquals(400, api.admin("POST", "/admin/tenants/" + id + "/tokens",
                "{\"name\":\"x\",\"scopes\":[\"root\"],\"expiresIn\":\"P1D\"}").status());

        JsonObject issued = api.token(id);
        Api.Answer listed = api.admin("GET", "/admin/tenants/" + id + "/tokens", null);
        assertEquals(200, listed.status());
        assertFalse(listed.body().contains(issued.getString("token")), "the secret is shown once, never listed");
        assertEquals(issued.getString("prefix"), listed.json().asJsonArray().getJsonObject(0).getString("prefix"));
        assertEquals(404, api.admin("DELETE", "/admin/tenants/" + api.tenant(slug(), "STANDARD") + "/tokens/"
                + issued.getString("id"), null).status(), "a token is only reachable through its own tenant");
    }

    @Test
    void readinessIncludesTheDatabaseAndMetricsCountRequests() throws Exception {
        Api.Answer ready = api.send("GET", "/health/ready", null, null);
        assertEquals(200, ready.status());
        assertTrue(ready.body().contains("\"name\":\"database\""));
        String token = api.token(api.tenant(slug(), "STANDARD")).getString("token");
        assertEquals(200, api.chat(token, Api.chatBody("count me")).status());
        Api.Answer metrics = Management.metrics(stack, "application");
        assertEquals(200, metrics.status());
        assertTrue(metrics.body().contains("novix_requests_total{action=\"inference.chat\""), metrics.body());
        assertTrue(metrics.body().contains("novix_request_duration_seconds"), "latency timer published");
    }
}
