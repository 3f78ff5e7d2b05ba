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
 * (Standard) tenant's prompt goes as sent.
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
}
