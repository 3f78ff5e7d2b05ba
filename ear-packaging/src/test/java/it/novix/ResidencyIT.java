package it.novix;

import io.novix.launcher.NovixStack;
import io.novix.sim.HfSimulator;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, residency and dedicated endpoints: a call only goes where its tenant's policy allows —
 * its regions, sovereign infrastructure for Sovereign tenants, no third-party router for
 * dedicated-only tenants — and a tenant's dedicated endpoint serves that tenant alone. When nothing
 * allowed is available the call is refused (503 residency_unavailable), never sent elsewhere.
 * The stack's router (the local simulator) is placed in eu-west-1 (HF_ROUTER_REGION).
 */
class ResidencyIT {

    private static NovixStack stack;
    private static Api api;
    private static HfSimulator router;
    private static HfSimulator us;
    private static HfSimulator privateGpu;
    private static HfSimulator sovereignGpu;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
        router = stack.simulator().orElseThrow();
        us = HfSimulator.start(0, Optional.of(Stacks.HF_KEY), 0);
        privateGpu = HfSimulator.start(0, Optional.of(Stacks.HF_KEY), 0);
        sovereignGpu = HfSimulator.start(0, Optional.of(Stacks.HF_KEY), 0);
    }

    @AfterAll
    static void stop() {
        us.close();
        privateGpu.close();
        sovereignGpu.close();
    }

    private static String tenant(String tier, String region) throws Exception {
        String slug = "res-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer a = api.admin("POST", "/admin/tenants", "{\"slug\":\"" + slug + "\",\"name\":\"" + slug
                + "\",\"tier\":\"" + tier + "\",\"homeRegion\":\"" + region + "\"}");
        assertEquals(201, a.status(), a.body());
        return a.object().getString("id");
    }

    private static JsonObject register(String model, String kind, HfSimulator sim, String region, String extra) throws Exception {
        return register(model, kind, sim, region, 10, extra);
    }

    private static JsonObject register(String model, String kind, HfSimulator sim, String region, int priority, String extra)
            throws Exception {
        Api.Answer a = api.admin("POST", "/admin/model-endpoints", "{\"modelId\":\"" + model + "\",\"task\":\"chat-completion\","
                + "\"kind\":\"" + kind + "\",\"trustedPrivate\":true,\"baseUrl\":\"" + sim.baseUrl() + "\",\"region\":\"" + region
                + "\",\"priority\":" + priority + extra + "}");
        assertEquals(201, a.status(), a.body());
        return a.object();
    }

    private static Api.Answer chat(String token, String model) throws Exception {
        return api.chat(token, "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private static String servedBy(Api.Answer a) throws Exception {
        assertEquals(200, a.status(), a.body());
        return (String) Db.audit(stack, a.requestId()).get(0).get("endpoint");
    }

    @Test
    void aRegionalTenantIsServedOnlyInItsRegionAndRefusedRatherThanSentElsewhere() throws Exception {
        String model = "acme/regional-" + UUID.randomUUID().toString().substring(0, 6);
        String usTenant = api.token(tenant("ENTERPRISE", "us-east-1")).getString("token");
        String euTenant = api.token(tenant("ENTERPRISE", "eu-west-1")).getString("token");
        String global = api.token(tenant("STANDARD", "eu-west-1")).getString("token");

        long routerCalls = router.calls();
        Api.Answer refused = chat(usTenant, model); // only the router (eu-west-1) serves this model yet
        assertEquals(503, refused.status(), refused.body());
        assertEquals("residency_unavailable", refused.errorCode());
        assertEquals(routerCalls, router.calls(), "not sent to the router outside the tenant's region");
        Map<String, Object> row = Db.audit(stack, refused.requestId()).get(0);
        assertEquals("residency_unavailable", row.get("error_code"));
        assertTrue(row.get("policy_verdict").toString().contains("residency=REGIONAL;regions=us-east-1"), row.toString());

        register(model, "SELF_HOSTED", us, "us-east-1", "");
        assertEquals(us.baseUrl(), servedBy(chat(usTenant, model)), "served in its own region once an endpoint is there");
        long usCalls = us.calls();
        assertEquals(stack.upstreamUrl(), servedBy(chat(euTenant, model)), "the EU tenant never reaches us-east-1");
        assertEquals(usCalls, us.calls());
        assertEquals(us.baseUrl(), servedBy(chat(global, model)), "a Global tenant takes the endpoint by priority");
    }

    @Test
    void aDedicatedEndpointServesItsTenantAloneAndFirst() throws Exception {
        String model = "acme/private-" + UUID.randomUUID().toString().substring(0, 6);
        String owner = tenant("ENTERPRISE", "eu-west-1");
        String ownerToken = api.token(owner).getString("token");
        String neighbour = api.token(tenant("ENTERPRISE", "eu-west-1")).getString("token");
        register(model, "SELF_HOSTED", us, "eu-west-1", 1, ""); // a shared endpoint, tried before by priority
        JsonObject shown = register(model, "DEDICATED", privateGpu, "eu-west-1", 500, ",\"dedicatedTo\":\"" + owner + "\"");
        assertEquals(owner, shown.getString("dedicatedTo"));

        assertEquals(privateGpu.baseUrl(), servedBy(chat(ownerToken, model)), "its own endpoint first, whatever the priority");
        long privateCalls = privateGpu.calls();
        for (int i = 0; i < 3; i++) {
            assertEquals(us.baseUrl(), servedBy(chat(neighbour, model)), "the neighbour goes to the shared endpoint");
        }
        assertEquals(privateCalls, privateGpu.calls(), "another tenant's dedicated endpoint is never called");
    }

    @Test
    void aSovereignTenantReachesSovereignInfrastructureOnly() throws Exception {
        String model = "acme/sovereign-" + UUID.randomUUID().toString().substring(0, 6);
        String gov = api.token(tenant("GOVERNMENT", "eu-west-1")).getString("token");
        Api.Answer noRouter = chat(gov, model);
        assertEquals(503, noRouter.status(), "Government is dedicated-only: never the third-party router");
        assertEquals("residency_unavailable", noRouter.errorCode());

        register(model, "DEDICATED", privateGpu, "eu-west-1", ""); // a shared accelerator, not sovereign
        assertEquals("residency_unavailable", chat(gov, model).errorCode(), "not sovereign infrastructure");
        JsonObject sovereign = register(model, "DEDICATED", sovereignGpu, "eu-west-1", ",\"sovereign\":true");
        assertTrue(sovereign.getBoolean("sovereign"));
        assertEquals(sovereignGpu.baseUrl(), servedBy(chat(gov, model)));

        Api.Answer unflagged = api.admin("PATCH", "/admin/model-endpoints/" + sovereign.getString("id"), "{\"sovereign\":false}");
        assertEquals(200, unflagged.status(), unflagged.body());
        java.time.Instant deadline = java.time.Instant.now().plusSeconds(20);
        Api.Answer after;
        do { // the route cache (novix.routing.cache-ttl) picks the change up within seconds
            after = chat(gov, model);
        } while (after.status() == 200 && java.time.Instant.now().isBefore(deadline));
        assertEquals("residency_unavailable", after.errorCode(), after.body());
    }

    @Test
    void inferenceProvidersAreNarrowedToThePolicysAndANamedOneOutsideItIsRefused() throws Exception {
        String tenant = tenant("STANDARD", "eu-west-1");
        Api.Answer set = api.admin("PUT", "/admin/tenants/" + tenant + "/policy", "{\"allowedProviders\":[\"nebius\",\"hf-inference\"]}");
        assertEquals(200, set.status(), set.body());
        String token = api.token(tenant).getString("token");
        String model = "acme/narrow-" + UUID.randomUUID().toString().substring(0, 6);

        assertEquals(200, chat(token, model).status());
        assertEquals(model + ":nebius", lastModelSeen(model), "the router's own choice narrowed to the first allowed provider");
        assertEquals(200, chat(token, model + ":hf-inference").status());
        assertEquals(model + ":hf-inference", lastModelSeen(model), "an allowed provider the caller named is kept");

        long calls = router.calls();
        Api.Answer refused = chat(token, model + ":together");
        assertEquals(403, refused.status(), refused.body());
        assertEquals("provider_not_allowed", refused.errorCode());
        assertEquals(calls, router.calls(), "refused before the router was called");
        assertEquals("provider_not_allowed", Db.audit(stack, refused.requestId()).get(0).get("error_code"));

        String gov = api.token(tenant("GOVERNMENT", "eu-west-1")).getString("token");
        assertEquals("provider_not_allowed", chat(gov, model + ":hf-inference").errorCode(), "Sovereign: no third-party provider");
    }

    /** The model field of the last chat body the router saw for {@code model}. */
    private static String lastModelSeen(String model) {
        var seen = router.seen();
        for (int i = seen.size() - 1; i >= 0; i--) {
            String body = new String(seen.get(i).body(), java.nio.charset.StandardCharsets.UTF_8);
            if (body.contains("\"" + model)) {
                return jakarta.json.Json.createReader(new java.io.StringReader(body)).readObject().getString("model");
            }
        }
        throw new AssertionError("the router never saw " + model);
    }

    @Test
    void theModelListShowsOnlyWhatThePolicyAllowsAndCanPlace() throws Exception {
        String text = "HuggingFaceH4/zephyr-7b-beta";
        String model = "acme/listed-" + UUID.randomUUID().toString().substring(0, 6);
        register(model, "SELF_HOSTED", us, "us-east-1", "");
        String usTenant = api.token(tenant("ENTERPRISE", "us-east-1")).getString("token");
        java.util.List<String> usIds = models(usTenant);
        assertTrue(usIds.contains(model), usIds.toString());
        assertTrue(!usIds.contains(text), "the default model is only served by the router, outside us-east-1: " + usIds);

        String narrowed = tenant("STANDARD", "eu-west-1");
        assertEquals(200, api.admin("PUT", "/admin/tenants/" + narrowed + "/policy", "{\"allowedModels\":[\"" + text + "\"]}").status());
        assertEquals(java.util.List.of(text), models(api.token(narrowed).getString("token")), "allowedModels, and nothing else");
    }

    private static java.util.List<String> models(String token) throws Exception {
        Api.Answer a = api.send("GET", "/v1/models", token, null);
        assertEquals(200, a.status(), a.body());
        return a.object().getJsonArray("data").stream().map(v -> v.asJsonObject().getString("id")).toList();
    }

    @Test
    void placementFieldsAreValidated() throws Exception {
        String model = "acme/bad-" + UUID.randomUUID().toString().substring(0, 6);
        String owner = tenant("STANDARD", "eu-west-1");
        for (String bad : new String[]{
                "{\"modelId\":\"" + model + "\",\"task\":\"chat-completion\",\"kind\":\"SERVERLESS\",\"dedicatedTo\":\"" + owner + "\"}",
                "{\"modelId\":\"" + model + "\",\"task\":\"chat-completion\",\"kind\":\"SELF_HOSTED\",\"baseUrl\":\"" + us.baseUrl()
                        + "\",\"trustedPrivate\":true,\"dedicatedTo\":\"" + UUID.randomUUID() + "\"}",
                "{\"modelId\":\"" + model + "\",\"task\":\"chat-completion\",\"kind\":\"SELF_HOSTED\",\"baseUrl\":\"" + us.baseUrl()
                        + "\",\"trustedPrivate\":true,\"dedicatedTo\":\"not-a-uuid\"}",
                "{\"modelId\":\"" + model + "\",\"task\":\"chat-completion\",\"kind\":\"SELF_HOSTED\",\"baseUrl\":\"" + us.baseUrl()
                        + "\",\"trustedPrivate\":true,\"sovereign\":\"yes\"}"}) {
            Api.Answer a = api.admin("POST", "/admin/model-endpoints", bad);
            assertEquals(400, a.status(), bad + " → " + a.body());
            assertEquals("invalid_field", a.errorCode(), a.body());
        }
        assertEquals(0, Db.query(stack, "SELECT 1 FROM model_endpoint WHERE model_id = ?", model).size(), "nothing registered");
    }
}
