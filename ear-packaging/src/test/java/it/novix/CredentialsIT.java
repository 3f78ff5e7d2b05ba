package it.novix;

import io.novix.launcher.NovixStack;
import io.novix.sim.HfSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, upstream credentials: HF_API_KEY given sealed under the KEK starts a server that sends the
 * real key; the platform key and an endpoint's own key are rotated through the admin API without a
 * restart; no key is ever in an answer, a log or an audit row.
 */
class CredentialsIT {

    private static final String WRONG = "hf_wrong_" + UUID.randomUUID().toString().replace("-", "");
    private static final String TEI_KEY = "tei_" + UUID.randomUUID().toString().replace("-", "");
    private static NovixStack stack;
    private static Api api;
    private static HfSimulator tei;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
        tei = HfSimulator.start(0, Optional.of(TEI_KEY), 0); // a self-hosted server with its own key
    }

    @AfterAll
    static void stop() {
        tei.close();
    }

    private static String chat(String model) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"key " + UUID.randomUUID() + "\"}]}";
    }

    @Test
    void thePlatformKeyRotatesWithoutARestartAndNeverShows() throws Exception {
        String token = api.token(api.tenant("cred-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD")).getString("token");
        String model = "HuggingFaceH4/zephyr-7b-beta";
        assertEquals(200, api.chat(token, chat(model)).status(), "HF_API_KEY from the configuration");
        try {
            Api.Answer set = api.admin("PUT", "/admin/upstream-credentials/platform", "{\"apiKey\":\"" + WRONG + "\"}");
            assertEquals(200, set.status(), set.body());
            assertFalse(set.body().contains(WRONG));
            assertEquals(16, set.object().getString("fingerprint").length());
            Api.Answer refused = api.chat(token, chat(model));
            assertNotEquals(200, refused.status(), "the rotated (wrong) key is in use at once: the upstream refuses it");
            assertFalse(refused.body().contains(WRONG), "never in an error");

            assertEquals(200, api.admin("PUT", "/admin/upstream-credentials/platform", "{\"apiKey\":\"" + Stacks.HF_KEY + "\"}").status());
            assertEquals(200, api.chat(token, chat(model)).status(), "rotated back, still without a restart");
            assertFalse(api.admin("GET", "/admin/upstream-credentials", null).body().contains(Stacks.HF_KEY));
        } finally {
            api.admin("DELETE", "/admin/upstream-credentials/platform", null);
        }
        assertEquals(200, api.chat(token, chat(model)).status(), "removed: back to HF_API_KEY");
        assertEquals(400, api.admin("PUT", "/admin/upstream-credentials/platform", "{\"apiKey\":\"short\"}").status());
        assertEquals(400, api.admin("PUT", "/admin/upstream-credentials/platform", "{\"apiKey\":\"has a space\"}").status());
        neverShown(WRONG, Stacks.HF_KEY);
    }

    @Test
    void anEndpointsOwnKeyGoesToItAlone() throws Exception {
        String model = "acme/cred-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer reg = api.admin("POST", "/admin/model-endpoints", "{\"modelId\":\"" + model + "\",\"task\":\"chat-completion\","
                + "\"kind\":\"SELF_HOSTED\",\"trustedPrivate\":true,\"baseUrl\":\"" + tei.baseUrl() + "\",\"region\":\"eu-west-1\",\"priority\":1}");
        assertEquals(201, reg.status(), reg.body());
        String endpoint = reg.object().getString("id");
        String token = api.token(api.tenant("cred-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD")).getString("token");
        Api.Answer without = api.chat(token, chat(model));
        assertNotEquals(tei.baseUrl(), served(without), "the platform key is not this server's: it refuses (the call fails over)");

        Api.Answer set = api.admin("PUT", "/admin/model-endpoints/" + endpoint + "/credential", "{\"apiKey\":\"" + TEI_KEY + "\"}");
        assertEquals(200, set.status(), set.body());
        Api.Answer with = api.chat(token, chat(model));
        assertEquals(200, with.status(), with.body());
        assertEquals(tei.baseUrl(), served(with), "its own key opened it");

        List<Map<String, Object>> rows = Db.query(stack, "SELECT scope, encode(sealed, 'escape') AS s FROM upstream_credential");
        assertTrue(rows.stream().noneMatch(r -> String.valueOf(r.get("s")).contains(TEI_KEY)), "stored sealed");
        assertTrue(rows.stream().anyMatch(r -> ("url:" + tei.baseUrl()).equals(r.get("scope"))));
        assertEquals(204, api.admin("DELETE", "/admin/model-endpoints/" + endpoint + "/credential", null).status());
        assertNotEquals(tei.baseUrl(), served(api.chat(token, chat(model))), "removed: the server refuses again");
        assertEquals(404, api.admin("DELETE", "/admin/model-endpoints/" + endpoint + "/credential", null).status());
        neverShown(TEI_KEY);
    }

    @Test
    void aSealedHfApiKeyStartsAServerThatSendsTheRealKey() throws Exception {
        Api.Answer sealed = api.admin("POST", "/admin/upstream-credentials/seal", "{\"apiKey\":\"" + Stacks.HF_KEY + "\"}");
        assertEquals(200, sealed.status(), sealed.body());
        String value = sealed.object().getString("sealed");
        assertTrue(value.startsWith("sealed:"), value);
        assertFalse(value.contains(Stacks.HF_KEY));
        assertTrue(sealed.raw().headers().firstValue("Cache-Control").orElse("").contains("no-store"));

        Map<String, String> env = Stacks.testEnv();
        env.put("HF_API_KEY", value);
        env.put("NOVIX_ALLOW_PLAIN_SECRETS", "false"); // production: only a sealed key is accepted
        env.put("NOVIX_JWT_KEK", stack.jwtKek());       // the KEK it was sealed under
        env.put("HF_ENTERPRISE_ENDPOINT", stack.upstreamUrl()); // the simulator that demands the real key
        try (NovixStack sealedStack = Stacks.create("sealed-key", env)) {
            sealedStack.start();
            Api other = new Api(sealedStack.baseUrl(), sealedStack.adminToken());
            String token = other.token(other.tenant("cred-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD")).getString("token");
            Api.Answer a = other.chat(token, chat("HuggingFaceH4/zephyr-7b-beta"));
            assertEquals(200, a.status(), "the sealed key was opened and sent: " + a.body());
            String log = Files.readString(sealedStack.messagesLog());
            assertFalse(log.contains(Stacks.HF_KEY), "the key never reaches a log");
            assertTrue(log.contains("HF_API_KEY: sealed"));
        }
    }

    /** Which endpoint answered the call (its outcome entry). */
    private static Object served(Api.Answer a) throws Exception {
        return Db.audit(stack, a.requestId()).get(0).get("endpoint");
    }

    /** No key in the server's log, nor anywhere in the audit trail (the admin changes of credentials included). */
    private static void neverShown(String... keys) throws Exception {
        String log = Files.readString(stack.messagesLog());
        for (String key : keys) {
            assertFalse(log.contains(key), "a key in the log");
            assertTrue(Db.query(stack, "SELECT id FROM audit_record a WHERE a::text LIKE ?", "%" + key + "%").isEmpty(),
                    "a key in the audit trail");
        }
        assertFalse(Db.query(stack, "SELECT id FROM audit_record WHERE action LIKE 'admin.upstream-credential.%'").isEmpty(),
                "credential changes are audited");
    }
}
