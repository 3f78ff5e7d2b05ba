package it.novix;

import io.novix.launcher.NovixStack;
import io.novix.sim.EndpointsSimulator;
import io.novix.sim.HfSimulator;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 13, dedicated Inference Endpoints through Hugging Face's Endpoints API (a faithful simulator):
 * created for Enterprise and Government tenants only, a Government tenant's only in its sovereign
 * regions; initializing → running, then the tenant's first route for its model; scaled to zero and woken
 * by a call (X-Scale-Up-Timeout); paused (calls fail) and resumed; a busy API retried; deleted with its
 * route; every change audited.
 */
class DedicatedEndpointsIT {

    private static final String MODEL = "HuggingFaceH4/zephyr-7b-beta";

    @Test
    void theLifecycleOfATenantsDedicatedEndpoint() throws Exception {
        try (HfSimulator inference = HfSimulator.start(0, Optional.of(Stacks.HF_KEY), 0);
             EndpointsSimulator hf = EndpointsSimulator.start(0, Stacks.HF_KEY, URI.create(inference.baseUrl()), 300)) {
            Map<String, String> env = Stacks.testEnv();
            env.put("HF_ENTERPRISE_ENDPOINT", inference.baseUrl());
            env.put("NOVIX_HF_ENDPOINTS_API", hf.baseUrl());
            env.put("NOVIX_HF_ENDPOINTS_NAMESPACE", "acme-org");
            try (NovixStack stack = Stacks.create("dedicated", env)) {
                stack.start();
                Api api = new Api(stack.baseUrl(), stack.adminToken());
                String base = "/admin/tenants/";

                String standard = api.tenant("ded-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
                Api.Answer refused = api.admin("POST", base + standard + "/dedicated-endpoints", spec("std-x", "eu-west-1"));
                assertEquals(403, refused.status());
                assertEquals("dedicated_not_in_tier", refused.errorCode());

                String tenant = api.tenant("ded-" + UUID.randomUUID().toString().substring(0, 8), "ENTERPRISE");
                assertEquals(200, api.admin("PUT", base + tenant + "/policy", "{\"allowedRegions\":[\"eu-west-1\"]}").status());
                String token = api.token(tenant).getString("token");
                String name = "ent-" + UUID.randomUUID().toString().substring(0, 8);
                hf.failNext(2); // the API is busy twice: retried
                Api.Answer created = api.admin("POST", base + tenant + "/dedicated-endpoints", spec(name, "eu-west-1"));
                assertEquals(201, created.status(), created.body());
                assertEquals("INITIALIZING", created.object().getString("state"));
                assertEquals(400, api.admin("POST", base + tenant + "/dedicated-endpoints", spec("Bad Name", "eu-west-1")).status());
                assertEquals(403, api.admin("POST", base + tenant + "/dedicated-endpoints", spec("ent-far", "us-east-1")).status(),
                        "outside the tenant's regions");

                JsonObject running = await(api, base + tenant + "/dedicated-endpoints/" + name, "RUNNING");
                String url = running.getString("url");
                assertTrue(running.containsKey("modelEndpointId"), "running: routed");
                Api.Answer served = api.chat(token, Api.chatBody("on my own endpoint"));
                assertEquals(200, served.status(), served.body());
                assertEquals(url, Db.audit(stack, served.requestId()).get(0).get("endpoint"), "the tenant's calls go to its endpoint");

                assertEquals("SCALED_TO_ZERO", act(api, base + tenant + "/dedicated-endpoints/" + name, "scale-to-zero"));
                Api.Answer woke = api.chat(token, Api.chatBody("wake up"));
                assertEquals(200, woke.status(), woke.body());
                assertEquals(1, hf.wakeUps(), "the call woke the endpoint (X-Scale-Up-Timeout) and was served");
                assertEquals(url, Db.audit(stack, woke.requestId()).get(0).get("endpoint"));

                assertEquals("PAUSED", act(api, base + tenant + "/dedicated-endpoints/" + name, "pause"));
                Api.Answer paused = api.chat(token, Api.chatBody("while paused"));
                assertNotEquals(url, Db.audit(stack, paused.requestId()).get(0).get("endpoint"),
                        "a paused endpoint serves nothing (the call fails over where the tenant's placement allows)");
                assertEquals("INITIALIZING", act(api, base + tenant + "/dedicated-endpoints/" + name, "resume"));
                await(api, base + tenant + "/dedicated-endpoints/" + name, "RUNNING");
                Api.Answer resumed = api.chat(token, Api.chatBody("resumed"));
                assertEquals(200, resumed.status());
                assertEquals(url, Db.audit(stack, resumed.requestId()).get(0).get("endpoint"), "back on its endpoint");

                hf.failNext(20); // down for good: refused with a stable code, nothing half-done
                Api.Answer down = api.admin("POST", base + tenant + "/dedicated-endpoints/" + name + "/pause", null);
                assertEquals(503, down.status());
                assertEquals("endpoints_api_unavailable", down.errorCode());
                hf.failNext(0);

                // a Government tenant's endpoints stay in its sovereign regions
                String gov = api.tenant("ded-" + UUID.randomUUID().toString().substring(0, 8), "GOVERNMENT");
                Api.Answer abroad = api.admin("POST", base + gov + "/dedicated-endpoints", spec("gov-a", "us-east-1"));
                assertEquals(403, abroad.status(), "outside its home region (the tier's default)");
                assertEquals("region_not_allowed", abroad.errorCode());
                assertEquals(200, api.admin("PUT", base + gov + "/policy", "{\"allowedRegions\":[\"eu-sov-1\"]}").status());
                assertEquals("region_not_allowed", api.admin("POST", base + gov + "/dedicated-endpoints", spec("gov-b", "eu-west-1")).errorCode());
                Api.Answer sovereign = api.admin("POST", base + gov + "/dedicated-endpoints", spec("gov-" + name.substring(4), "eu-sov-1"));
                assertEquals(201, sovereign.status(), sovereign.body());
                assertTrue(sovereign.object().getBoolean("sovereign"));

                Api.Answer deleted = api.admin("DELETE", base + tenant + "/dedicated-endpoints/" + name, null);
                assertEquals(200, deleted.status(), deleted.body());
                assertEquals(null, hf.state(name), "deleted at Hugging Face");
                assertEquals(404, api.admin("GET", base + tenant + "/dedicated-endpoints/" + name, null).status());
                assertTrue(Db.query(stack, "SELECT id FROM model_endpoint WHERE base_url = ?", url).isEmpty(), "its route is gone");
                assertTrue(Db.query(stack, "SELECT id FROM audit_record WHERE action = 'admin.dedicated-endpoint.create' "
                        + "AND tenant_id = ?::uuid", tenant).size() >= 1, "audited");
            }
        }
    }

    private static String spec(String name, String region) {
        return "{\"name\":\"" + name + "\",\"model\":\"" + MODEL + "\",\"task\":\"text-generation\",\"region\":\"" + region
                + "\",\"instanceType\":\"nvidia-a10g\",\"minReplica\":0,\"maxReplica\":1,\"scaleToZeroTimeout\":15}";
    }

    private static String act(Api api, String path, String action) throws Exception {
        Api.Answer a = api.admin("POST", path + "/" + action, null);
        assertEquals(200, a.status(), a.body());
        return a.object().getString("state");
    }

    /** Reads the endpoint (each read asks the Endpoints API) until it reports {@code state}. */
    private static JsonObject await(Api api, String path, String state) throws Exception {
        long deadline = System.nanoTime() + 30_000_000_000L;
        while (true) {
            JsonObject o = api.admin("GET", path, null).object();
            if (state.equals(o.getString("state"))) {
                return o;
            }
            assertTrue(System.nanoTime() < deadline, "never " + state + ": " + o);
            Thread.sleep(10); // a poll, not a spin: the server under test has two cores
        }
    }
}
