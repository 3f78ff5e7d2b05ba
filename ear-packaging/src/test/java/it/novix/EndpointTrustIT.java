package it.novix;

import io.novix.launcher.NovixStack;
import io.novix.sim.HfSimulator;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hardening class 8: the Hugging Face key never goes to a plain-HTTP endpoint unless the platform
 * admin vouched for it, and no endpoint may point at link-local or cloud metadata addresses (SSRF).
 * The shared simulator refuses calls without the key, so a call that reaches it keyless fails.
 */
class EndpointTrustIT {

    private static NovixStack stack;
    private static Api api;
    private static HfSimulator sim;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
        sim = stack.simulator().orElseThrow();
        token = api.token(api.tenant("trust-" + UUID.randomUUID().toString().substring(0, 8), "ENTERPRISE")).getString("token");
    }

    @Test
    void theKeyGoesToPlainHttpOnlyWhenVouchedFor() throws Exception {
        String untrusted = register("acme/untrusted-" + UUID.randomUUID().toString().substring(0, 6), false);
        Api.Answer keyless = api.chat(token, "{\"model\":\"" + untrusted + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(502, keyless.status(), keyless.body());
        assertEquals("upstream_auth_failed", keyless.errorCode(), "the key was not sent over plain HTTP");

        String trusted = register("acme/trusted-" + UUID.randomUUID().toString().substring(0, 6), true);
        Api.Answer keyed = api.chat(token, "{\"model\":\"" + trusted + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
        assertEquals(200, keyed.status(), keyed.body());
    }

    @Test
    void metadataAndLinkLocalAddressesAreNeverEndpoints() throws Exception {
        for (String url : List.of("http://169.254.169.254/latest/meta-data", "http://[fe80::1]/", "http://metadata.google.internal/",
                "http://2852039166/", "http://0xA9FEA9FE/", "http://0.0.0.0:8080/", "http://[::]/", "http://224.0.0.1/",
                "http://100.100.100.200/")) {
            Api.Answer a = api.admin("POST", "/admin/model-endpoints", "{\"modelId\":\"acme/ssrf\",\"task\":\"chat-completion\","
                    + "\"kind\":\"SELF_HOSTED\",\"trustedPrivate\":true,\"baseUrl\":\"" + url + "\"}");
            assertEquals(400, a.status(), url + " → " + a.body());
            assertTrue(a.body().contains("baseUrl"), a.body());
        }
    }

    @Test
    void anEndpointWhoseAddressTurnsForbiddenIsSkippedAtCallTime() throws Exception {
        String model = register("acme/rebound-" + UUID.randomUUID().toString().substring(0, 6), true);
        String body = "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        assertEquals(200, api.chat(token, body).status());
        // what a DNS answer changed after registration amounts to: the endpoint now leads to the metadata service
        assertEquals(1, Db.update(stack, "UPDATE model_endpoint SET base_url = 'http://169.254.169.254/latest' "
                + "WHERE model_id = ? AND base_url IS NOT NULL", model));
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
        Api.Answer a;
        do { // the route cache (novix.routing.cache-ttl) picks the row up within seconds
            a = api.chat(token, body);
        } while (a.status() == 200 && java.time.Instant.now().isBefore(deadline));
        assertEquals(503, a.status(), a.body());
        assertEquals("no_endpoint_available", a.errorCode(), "skipped, never called: " + a.body());
    }

    private static String register(String model, boolean trusted) throws Exception {
        api.isolatedEndpoint(model, "DEDICATED", sim.baseUrl() + "/endpoints/" + model.replace('/', '-'), trusted);
        boolean keyAllowed = api.admin("GET", "/admin/model-endpoints", null).json().asJsonArray().stream()
                .map(v -> v.asJsonObject()).filter(e -> e.getString("modelId").equals(model) && !e.isNull("baseUrl"))
                .findFirst().orElseThrow().getBoolean("keyAllowed");
        assertEquals(trusted, keyAllowed);
        return model;
    }
}
