package it.novix;

import io.novix.launcher.NovixStack;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Stopping everything (Liberty, PostgreSQL, upstream) and starting again keeps tenants, tokens and audit rows. */
class RestartIT {

    @Test
    void tenantTokenAndAuditSurviveAFullRestart() throws Exception {
        Map<String, String> env = Stacks.testEnv();
        String token;
        String requestId;
        String tenantId;
        try (NovixStack first = Stacks.create("restart", env)) {
            first.start();
            Api api = new Api(first.baseUrl(), first.adminToken());
            tenantId = api.tenant(Identities.slug("restart"), "ENTERPRISE");
            JsonObject issued = api.token(tenantId);
            token = issued.getString("token");
            Api.Answer before = api.chat(token, Api.chatBody("before restart"));
            assertEquals(200, before.status());
            requestId = before.requestId();
        }
        try (NovixStack second = Stacks.create("restart", env)) {
            second.start();
            Api api = new Api(second.baseUrl(), second.adminToken());
            assertEquals(200, api.admin("GET", "/admin/tenants/" + tenantId, null).status());
            assertEquals(1, Db.audit(second, requestId).size(), "audit row from before the restart is still there");
            Api.Answer after = api.chat(token, Api.chatBody("after restart"));
            assertEquals(200, after.status(), "the token issued before the restart still works");
            assertEquals(1, Db.audit(second, after.requestId()).size());
        }
    }
}
