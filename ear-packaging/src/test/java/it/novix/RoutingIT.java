package it.novix;

import io.novix.launcher.NovixStack;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, adaptive model routing: {@code "model": "auto"} sends a simple prompt to Zephyr-7B and a
 * demanding one to Mixtral-8x7B (the product notes' rule), says so in {@code X-Novix-Route} and in the
 * audit rows; a tenant's own route replaces the platform's; a route never leaves the tenant's allowed
 * models; the budget left caps max_tokens.
 */
class RoutingIT {

    private static final String SMALL = "HuggingFaceH4/zephyr-7b-beta";
    private static final String LARGE = "mistralai/Mixtral-8x7B-Instruct-v0.1";
    private static final String HARD = "First explain why quicksort is O(n log n) on average, then prove it step by step, "
            + "and finally compare it with mergesort.\\n```python\\ndef qs(xs): return xs\\n```";
    private static NovixStack stack;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
    }

    private static String body(String model, String text, String extra) {
        return "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"" + text + "\"}]" + extra + "}";
    }

    @Test
    void autoPicksTheModelByComplexityAndSaysWhy() throws Exception {
        String tenant = api.tenant("route-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        String token = api.token(tenant).getString("token");

        Api.Answer easy = api.chat(token, body("auto", "What is the capital of France?", ""));
        assertEquals(200, easy.status(), easy.body());
        assertEquals(SMALL, easy.object().getString("model"), "the upstream was asked for the small model");
        String header = easy.raw().headers().firstValue("X-Novix-Route").orElseThrow();
        assertTrue(header.startsWith("route=auto; model=" + SMALL + "; complexity=0."), header);
        assertTrue(header.endsWith("rule=complexity<0.40"), header);

        Api.Answer hard = api.chat(token, body("auto", HARD, ""));
        assertEquals(200, hard.status(), hard.body());
        assertEquals(LARGE, hard.object().getString("model"));
        assertTrue(hard.raw().headers().firstValue("X-Novix-Route").orElseThrow().contains("rule=complexity>=0.40"));

        for (Api.Answer a : List.of(easy, hard)) { // both entries of each call carry the decision and the chosen model
            Map<String, Object> admission = Db.admission(stack, a.requestId()).get(0);
            Map<String, Object> outcome = Db.audit(stack, a.requestId()).get(0);
            String model = a == easy ? SMALL : LARGE;
            assertEquals(model, admission.get("target"));
            assertEquals(model, outcome.get("target"));
            assertTrue(String.valueOf(outcome.get("policy_verdict")).startsWith("route=auto/" + (a == easy ? "0." : "")), String.valueOf(outcome.get("policy_verdict")));
            assertTrue(String.valueOf(admission.get("policy_verdict")).startsWith("route=auto/"));
        }
        Api.Answer direct = api.chat(token, body(SMALL, "What is the capital of France?", ""));
        assertTrue(direct.raw().headers().firstValue("X-Novix-Route").isEmpty(), "a named model is never re-routed");
    }

    @Test
    void aTenantsRouteReplacesThePlatformsAndStaysWithinItsAllowedModels() throws Exception {
        String tenant = api.tenant("route-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        String token = api.token(tenant).getString("token");
        // the tenant's own "auto": a lower threshold, so a middling prompt goes large
        Api.Answer set = api.admin("PUT", "/admin/tenants/" + tenant + "/routes/auto", "{\"threshold\":0.0}");
        assertEquals(200, set.status(), set.body());
        assertEquals("tenant", set.object().getString("owner"));
        Api.Answer easy = api.chat(token, body("auto", "What is the capital of France?", ""));
        assertEquals(LARGE, easy.object().getString("model"), "the tenant's route decided");
        assertTrue(easy.raw().headers().firstValue("X-Novix-Route").orElseThrow().contains("rule=complexity>=0.00"));

        // a route naming a model the tenant's policy does not allow is refused where it is made
        assertEquals(200, api.admin("PUT", "/admin/tenants/" + tenant + "/policy", "{\"allowedModels\":[\"" + SMALL + "\"]}").status());
        Api.Answer barred = api.admin("PUT", "/admin/tenants/" + tenant + "/routes/cheap", "{}");
        assertEquals(403, barred.status(), barred.body());
        assertEquals("model_not_allowed", barred.errorCode());
        // and the platform's route keeps to the allowed model for this tenant
        assertEquals(204, api.admin("DELETE", "/admin/tenants/" + tenant + "/routes/auto", null).status());
        Api.Answer kept = api.chat(token, body("auto", HARD, ""));
        assertEquals(200, kept.status(), kept.body());
        assertEquals(SMALL, kept.object().getString("model"), "never a model outside the tenant's policy");

        Api.Answer bad = api.admin("PUT", "/admin/tenants/" + tenant + "/routes/auto", "{\"threshold\":7}");
        assertEquals(400, bad.status());
        assertEquals(404, api.admin("DELETE", "/admin/tenants/" + tenant + "/routes/nothing-here", null).status());
    }

    @Test
    void aPlatformRouteServesEveryTenantAndTheBudgetLeftCapsMaxTokens() throws Exception {
        String name = "r" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer set = api.admin("PUT", "/admin/routes/" + name, "{\"smallModel\":\"" + SMALL + "\",\"largeModel\":\"" + LARGE
                + "\",\"threshold\":0.99}");
        assertEquals(200, set.status(), set.body());
        JsonObject listed = api.admin("GET", "/admin/routes", null).json().asJsonArray().stream().map(v -> v.asJsonObject())
                .filter(v -> v.getJsonObject("route").getString("name").equals(name)).findFirst().orElseThrow();
        assertEquals("platform", listed.getString("owner"));

        String tenant = api.tenant("route-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        String token = api.token(tenant).getString("token");
        // $0.001 left at Zephyr's $0.0002 per 1K output tokens buys 5,000 tokens, fewer than the route's 8,192
        assertEquals(200, api.admin("PUT", "/admin/tenants/" + tenant + "/policy", "{\"budgetUsdPerMonth\":0.001}").status());
        Api.Answer capped = api.chat(token, body(name, "Say hello to everyone in the room please", ""));
        String header = capped.raw().headers().firstValue("X-Novix-Route").orElse("");
        assertTrue(header.startsWith("route=" + name + "; model=" + SMALL), header);
        assertTrue(header.contains("budget-capped"), header);
        assertEquals(204, api.admin("DELETE", "/admin/routes/" + name, null).status());
        Api.Answer gone = api.chat(token, body(name, "hello", ""));
        assertTrue(gone.raw().headers().firstValue("X-Novix-Route").isEmpty(), "a removed route is a route no more");
    }

    @Test
    void aTenantThatPrefersQuantizedModelsIsServedTheRegisteredVariantWhereItsPolicyAllows() throws Exception {
        String base = "acme/zephyr-" + UUID.randomUUID().toString().substring(0, 8);
        String awq = base + "-AWQ";
        Api.Answer reg = api.admin("PUT", "/admin/model-variants/" + base, "{\"quantized\":\"" + awq + "\"}");
        assertEquals(200, reg.status(), reg.body());
        assertEquals(400, api.admin("PUT", "/admin/model-variants/" + base, "{\"quantized\":\"not a model\"}").status());

        String plain = api.token(api.tenant("q-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD")).getString("token");
        Api.Answer unchanged = api.chat(plain, body(base, "hello", ""));
        assertEquals(base, unchanged.object().getString("model"), "no preference: the model asked for");

        String tenant = api.tenant("q-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        String token = api.token(tenant).getString("token");
        assertEquals(200, api.admin("PUT", "/admin/tenants/" + tenant + "/model-preferences", "{\"preferQuantized\":true}").status());
        Api.Answer variant = api.chat(token, body(base, "hello", ",\"temperature\":0.3"));
        assertEquals(200, variant.status(), variant.body());
        assertEquals(awq, variant.object().getString("model"), "the quantized variant served it");
        assertEquals("route=model; model=" + awq + "; rule=quantized-variant-of=" + base,
                variant.raw().headers().firstValue("X-Novix-Route").orElse(""));
        assertEquals(awq, Db.audit(stack, variant.requestId()).get(0).get("target"));

        // the tenant's policy does not allow the variant: the model asked for, as asked
        assertEquals(200, api.admin("PUT", "/admin/tenants/" + tenant + "/policy", "{\"allowedModels\":[\"" + base + "\"]}").status());
        Api.Answer kept = api.chat(token, body(base, "hello", ""));
        assertEquals(base, kept.object().getString("model"));
        assertEquals(204, api.admin("DELETE", "/admin/model-variants/" + base, null).status());
    }
}
