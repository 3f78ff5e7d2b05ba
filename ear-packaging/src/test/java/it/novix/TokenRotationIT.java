package it.novix;

import io.novix.launcher.NovixStack;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Tier-capped token lifetimes, and rotation with a grace period in which both secrets work. */
class TokenRotationIT {

    private static NovixStack stack;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
    }

    private static String slug() {
        return "r-" + UUID.randomUUID().toString().substring(0, 8);
    }

    @Test
    void governmentTokensLiveAtMostThirtyDays() throws Exception {
        String gov = api.tenant(slug(), "GOVERNMENT");
        Api.Answer tooLong = api.admin("POST", "/admin/tenants/" + gov + "/tokens",
                "{\"name\":\"ci\",\"scopes\":[\"inference:chat\"],\"expiresIn\":\"P31D\"}");
        assertEquals(400, tooLong.status(), tooLong.body());
        assertTrue(tooLong.body().contains("30 days"), tooLong.body());
        assertEquals(201, api.admin("POST", "/admin/tenants/" + gov + "/tokens",
                "{\"name\":\"ci\",\"scopes\":[\"inference:chat\"],\"expiresIn\":\"P30D\"}").status());
        String std = api.tenant(slug(), "STANDARD");
        assertEquals(201, api.admin("POST", "/admin/tenants/" + std + "/tokens",
                "{\"name\":\"ci\",\"scopes\":[\"inference:chat\"],\"expiresIn\":\"P300D\"}").status());
    }

    @Test
    void rotationGivesANewSecretAndKeepsTheOldOneForTheGracePeriod() throws Exception {
        String tenant = api.tenant(slug(), "ENTERPRISE");
        Api.Answer issued = api.admin("POST", "/admin/tenants/" + tenant + "/tokens",
                "{\"name\":\"svc\",\"scopes\":[\"inference:chat\",\"inference:embeddings\"],\"expiresIn\":\"P10D\"}");
        JsonObject old = issued.object();
        Instant before = Instant.now();
        Api.Answer rotated = api.admin("POST", "/admin/tenants/" + tenant + "/tokens/" + old.getString("id") + "/rotate", null);
        assertEquals(201, rotated.status(), rotated.body());
        JsonObject next = rotated.object();
        assertNotEquals(old.getString("token"), next.getString("token"));
        assertEquals(old.getJsonArray("scopes"), next.getJsonArray("scopes"));
        assertTrue(rotated.raw().headers().firstValue("Cache-Control").orElseThrow().contains("no-store"));
        Duration nextLife = Duration.between(before, Instant.parse(next.getString("expiresAt")));
        assertTrue(nextLife.compareTo(Duration.ofDays(10).minusMinutes(5)) > 0 && nextLife.compareTo(Duration.ofDays(10).plusMinutes(1)) <= 0,
                "the successor lives as long as the original: " + nextLife);

        assertEquals(200, api.chat(old.getString("token"), Api.chatBody("old still works")).status());
        assertEquals(200, api.chat(next.getString("token"), Api.chatBody("new works")).status());

        List<JsonObject> listed = api.admin("GET", "/admin/tenants/" + tenant + "/tokens", null).json().asJsonArray()
                .getValuesAs(JsonObject.class);
        JsonObject oldListed = listed.stream().filter(t -> t.getString("id").equals(old.getString("id"))).findFirst().orElseThrow();
        assertEquals(next.getString("id"), oldListed.getString("replacedBy"));
        Duration grace = Duration.between(before, Instant.parse(oldListed.getString("expiresAt")));
        assertTrue(grace.compareTo(Duration.ofHours(24).plusMinutes(5)) < 0 && grace.compareTo(Duration.ofHours(23)) > 0,
                "the old token now ends after the 24 h grace: " + grace);
        assertFalse(listed.stream().anyMatch(t -> t.containsKey("token") && !t.isNull("token")), "secrets are shown once");

        Api.Answer again = api.admin("POST", "/admin/tenants/" + tenant + "/tokens/" + old.getString("id") + "/rotate", null);
        assertEquals(409, again.status());
        assertEquals("token_not_rotatable", again.errorCode());
        Map<String, Object> row = Db.audit(stack, rotated.requestId()).get(0);
        assertEquals("admin.token.rotate", row.get("action"));
        assertEquals("SUCCESS", row.get("outcome"));
        assertFalse(String.valueOf(row).contains(next.getString("token")), "the secret is not in the audit trail");
    }
}
