package it.novix;

import io.novix.launcher.NovixStack;
import io.novix.sim.HfSimulator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A model with a dedicated endpoint (a second simulator) in front of the router: calls go to the
 * dedicated one, fail over to the router when it fails, and skip it once its breaker is open.
 */
class FailoverIT {

    private static NovixStack stack;
    private static Api api;
    private static HfSimulator router;
    private static HfSimulator dedicated;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
        router = stack.simulator().orElseThrow();
        dedicated = HfSimulator.start(0, Optional.of(Stacks.HF_KEY), 0);
        token = api.token(api.tenant("f-" + UUID.randomUUID().toString().substring(0, 8), "ENTERPRISE")).getString("token");
    }

    @AfterAll
    static void stop() {
        dedicated.close();
    }

    private static String model() throws Exception {
        String model = "acme/dedicated-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer registered = api.admin("POST", "/admin/model-endpoints", "{\"modelId\":\"" + model
                + "\",\"task\":\"chat-completion\",\"kind\":\"DEDICATED\",\"trustedPrivate\":true,\"baseUrl\":\"" + dedicated.baseUrl()
                + "\",\"region\":\"eu-west-1\",\"priority\":10}");
        assertEquals(201, registered.status(), registered.body());
        return model;
    }

    private static Api.Answer chat(String model) throws Exception {
        return api.chat(token, "{\"model\":\"" + model + "\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}");
    }

    private static void fail(HfSimulator sim, int times, int status) throws Exception {
        StringBuilder faults = new StringBuilder("[");
        for (int i = 0; i < times; i++) {
            faults.append(i == 0 ? "" : ",").append("{\"kind\":\"status\",\"status\":").append(status).append('}');
        }
        sim.script("{\"faults\":" + faults + "]}");
    }

    @Test
    void dedicatedFirstThenRouterWhenItFailsThenBreakerSkipsIt() throws Exception {
        String model = model();
        long routerBefore = router.calls();

        Api.Answer first = chat(model);
        assertEquals(200, first.status());
        Map<String, Object> row = Db.audit(stack, first.requestId()).get(0);
        assertEquals(dedicated.baseUrl(), row.get("endpoint"));
        assertEquals("eu-west-1", row.get("region"));
        assertEquals(false, row.get("fallback_used"));
        assertEquals(routerBefore, router.calls(), "the router was not needed");

        for (int call = 1; call <= 3; call++) {
            fail(dedicated, 3, 503); // one call plus HF_MAX_RETRIES=2, all failing
            Api.Answer fallback = chat(model);
            assertEquals(200, fallback.status(), "served by the router after the dedicated endpoint failed");
            Map<String, Object> fb = Db.audit(stack, fallback.requestId()).get(0);
            assertEquals(true, fb.get("fallback_used"));
            assertEquals(stack.upstreamUrl(), fb.get("endpoint"));
            assertEquals(4, ((Number) fb.get("upstream_attempts")).intValue(), "three on the dedicated, one on the router");
        }

        long dedicatedCalls = dedicated.calls();
        Api.Answer skipped = chat(model);
        assertEquals(200, skipped.status());
        assertEquals(dedicatedCalls, dedicated.calls(), "breaker open: the dedicated endpoint is not called");
        assertEquals(1, ((Number) Db.audit(stack, skipped.requestId()).get(0).get("upstream_attempts")).intValue());
        String metrics = Management.metrics(stack, "application").body();
        assertTrue(metrics.contains("novix_breaker_state{endpoint=\"" + dedicated.baseUrl() + "\"") , metrics);
        String health = api.send("GET", "/health/ready", null, null).body();
        assertTrue(health.contains("\"OPEN\":1"), "public health counts breakers: " + health);
        assertFalse(health.contains(dedicated.baseUrl()), "and names no endpoint: " + health);
    }

    @Test
    void callersMistakesDoNotFailOver() throws Exception {
        String model = model();
        long routerBefore = router.calls();
        fail(dedicated, 1, 422);
        Api.Answer answer = chat(model);
        assertEquals(422, answer.status());
        assertEquals(routerBefore, router.calls(), "a 422 is the request's fault: no fallback");
    }

    @Test
    void endpointAdministrationIsValidatedAndDisablingRemovesARoute() throws Exception {
        assertEquals("invalid_field", api.admin("POST", "/admin/model-endpoints",
                "{\"modelId\":\"a/b\",\"task\":\"chat-completion\",\"kind\":\"DEDICATED\",\"region\":\"eu\"}").errorCode());
        assertEquals("forbidden_field", api.admin("POST", "/admin/model-endpoints",
                "{\"modelId\":\"a/b\",\"task\":\"chat-completion\",\"kind\":\"SERVERLESS\",\"tenant\":\"x\"}").errorCode());
        String model = model();
        String id = api.admin("GET", "/admin/model-endpoints", null).json().asJsonArray().stream()
                .map(v -> v.asJsonObject()).filter(e -> e.getString("modelId").equals(model)).findFirst().orElseThrow().getString("id");
        assertEquals(200, api.admin("PATCH", "/admin/model-endpoints/" + id, "{\"enabled\":false}").status());
        long dedicatedBefore = dedicated.calls();
        Api.Answer viaRouter = chat(model);
        assertEquals(200, viaRouter.status());
        assertEquals(dedicatedBefore, dedicated.calls(), "a disabled endpoint is not used");
        assertEquals(204, api.admin("DELETE", "/admin/model-endpoints/" + id, null).status());
        assertEquals(404, api.admin("DELETE", "/admin/model-endpoints/" + id, null).status());
    }
}
