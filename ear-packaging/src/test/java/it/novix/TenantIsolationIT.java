package it.novix;

import io.novix.launcher.NovixStack;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Three tenants, every tenant role, every object endpoint, addressed with the other tenants' ids
 * (in the path, and as object ids under the caller's own tenant): not one cross-tenant success, and
 * the other tenants' objects are untouched afterwards.
 */
class TenantIsolationIT {

    private static NovixStack stack;
    private static Api api;
    private static final List<Identities.TenantKit> KITS = new ArrayList<>();
    private static final Map<String, Map<String, String>> OBJECTS = new LinkedHashMap<>();
    private static String endpointId;

    /** {t} tenant, {token} {user} {sa} object ids. */
    private static final String[][] TEMPLATES = {
            {"GET", "/admin/tenants/{t}", null},
            {"GET", "/admin/tenants/{t}/tokens", null},
            {"POST", "/admin/tenants/{t}/tokens", "{\"name\":\"x\",\"scopes\":[\"inference:chat\"],\"expiresIn\":\"P1D\"}"},
            {"POST", "/admin/tenants/{t}/tokens/{token}/rotate", null},
            {"DELETE", "/admin/tenants/{t}/tokens/{token}", null},
            {"GET", "/admin/tenants/{t}/users", null},
            {"POST", "/admin/tenants/{t}/users", "{\"subject\":\"intruder\",\"displayName\":\"I\"}"},
            {"GET", "/admin/tenants/{t}/users/{user}", null},
            {"POST", "/admin/tenants/{t}/users/{user}/roles", "{\"role\":\"tenant-admin\"}"},
            {"DELETE", "/admin/tenants/{t}/users/{user}/roles/auditor", null},
            {"DELETE", "/admin/tenants/{t}/users/{user}", null},
            {"GET", "/admin/tenants/{t}/group-mappings", null},
            {"PUT", "/admin/tenants/{t}/group-mappings", "{\"groups\":{\"everyone\":[\"tenant-admin\"]}}"},
            {"GET", "/admin/tenants/{t}/service-accounts", null},
            {"POST", "/admin/tenants/{t}/service-accounts", "{\"name\":\"x\",\"scopes\":[\"inference:chat\"]}"},
            {"POST", "/admin/tenants/{t}/service-accounts/{sa}/secret", null},
            {"DELETE", "/admin/tenants/{t}/service-accounts/{sa}", null},
            {"GET", "/admin/tenants/{t}/idp", null},
            {"PUT", "/admin/tenants/{t}/idp", "{\"metadataXml\":\"<md:EntityDescriptor xmlns:md='urn:oasis:names:tc:SAML:2.0:metadata' entityID='evil'/>\"}"},
            {"GET", "/admin/tenants/{t}/audit", null},
            {"GET", "/admin/tenants/{t}/usage", null},
    };

    /** Platform objects: no tenant role may touch them at all. */
    private static final String[][] PLATFORM = {
            {"GET", "/admin/tenants", null},
            {"POST", "/admin/tenants", "{\"slug\":\"intruder\",\"name\":\"I\",\"tier\":\"STANDARD\",\"homeRegion\":\"eu\"}"},
            {"GET", "/admin/model-endpoints", null},
            {"POST", "/admin/model-endpoints", "{\"modelId\":\"evil/model\",\"task\":\"chat-completion\",\"kind\":\"SERVERLESS\"}"},
            {"PATCH", "/admin/model-endpoints/{endpoint}", "{\"enabled\":false}"},
            {"DELETE", "/admin/model-endpoints/{endpoint}", null},
            {"GET", "/admin/signing-keys", null},
            {"POST", "/admin/signing-keys/rotate", null},
    };

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
        for (String name : new String[] {"iso-a", "iso-b", "iso-c"}) {
            Identities.TenantKit kit = Identities.kit(api, name);
            KITS.add(kit);
            String user = api.send("POST", "/admin/tenants/" + kit.id() + "/users", kit.tenantAdmin(),
                    "{\"subject\":\"owner@" + name + ".example\",\"displayName\":\"Owner\"}").object().getString("id");
            api.send("POST", "/admin/tenants/" + kit.id() + "/users/" + user + "/roles", kit.tenantAdmin(), "{\"role\":\"auditor\"}");
            api.send("PUT", "/admin/tenants/" + kit.id() + "/group-mappings", kit.tenantAdmin(), "{\"groups\":{\"" + name + "-devs\":[\"developer\"]}}");
            String token = api.send("GET", "/admin/tenants/" + kit.id() + "/tokens", kit.tenantAdmin(), null).json().asJsonArray()
                    .getJsonObject(0).getString("id");
            String sa = api.send("GET", "/admin/tenants/" + kit.id() + "/service-accounts", kit.tenantAdmin(), null).json()
                    .asJsonArray().getJsonObject(0).getString("id");
            OBJECTS.put(kit.id(), Map.of("{token}", token, "{user}", user, "{sa}", sa));
        }
        Api.Answer endpoint = api.admin("POST", "/admin/model-endpoints",
                "{\"modelId\":\"iso/model-" + UUID.randomUUID().toString().substring(0, 8) + "\",\"task\":\"chat-completion\",\"kind\":\"SERVERLESS\"}");
        endpointId = endpoint.object().getString("id");
    }

    private static String fill(String template, String tenant, Map<String, String> objects) {
        String path = template.replace("{t}", tenant).replace("{endpoint}", endpointId);
        for (Map.Entry<String, String> o : objects.entrySet()) {
            path = path.replace(o.getKey(), o.getValue());
        }
        return path;
    }

    /** Every GET template answers 200 to the platform admin: the sweep's paths are real routes, not 404s by accident. */
    private static void routesExist() throws Exception {
        Identities.TenantKit kit = KITS.get(0);
        for (String[] t : TEMPLATES) {
            if (t[0].equals("GET")) {
                Api.Answer r = api.admin("GET", fill(t[1], kit.id(), OBJECTS.get(kit.id())), null);
                boolean noIdpYet = t[1].endsWith("/idp") && r.status() == 404 && "sso_not_configured".equals(r.errorCode());
                assertTrue(r.status() == 200 || noIdpYet, t[1] + " " + r.body());
            }
        }
    }

    private static void sweep() throws Exception {
        routesExist();
        List<String> successes = new ArrayList<>();
        int attempts = 0;
        for (Identities.TenantKit caller : KITS) {
            Map<String, String> credentials = Map.of("tenant-admin", caller.tenantAdmin(), "developer", caller.developer(),
                    "auditor", caller.auditor(), "service", caller.serviceJwt());
            for (Identities.TenantKit victim : KITS) {
                if (victim == caller) {
                    continue;
                }
                Map<String, String> theirs = OBJECTS.get(victim.id());
                for (Map.Entry<String, String> role : credentials.entrySet()) {
                    for (String[] t : TEMPLATES) {
                        // the other tenant in the path, and the other tenant's objects under the caller's own tenant
                        List<String> paths = new ArrayList<>(List.of(fill(t[1], victim.id(), theirs)));
                        if (t[1].contains("{token}") || t[1].contains("{user}") || t[1].contains("{sa}")) {
                            paths.add(fill(t[1], caller.id(), theirs));
                        }
                        for (String path : paths) {
                            Api.Answer r = api.send(t[0], path, role.getValue(), t[2]);
                            attempts++;
                            if (r.status() < 300) {
                                successes.add(role.getKey() + " of " + caller.id() + ": " + t[0] + " " + path + " → " + r.status());
                            }
                            assertTrue(r.status() == 403 || r.status() == 404, t[0] + " " + path + " → " + r.status() + " " + r.body());
                        }
                    }
                    for (String[] p : PLATFORM) {
                        Api.Answer r = api.send(p[0], fill(p[1], victim.id(), Map.of()), role.getValue(), p[2]);
                        attempts++;
                        if (r.status() < 300) {
                            successes.add(role.getKey() + ": " + p[0] + " " + p[1] + " → " + r.status());
                        }
                    }
                }
            }
        }
        assertEquals(List.of(), successes, "cross-tenant successes out of " + attempts + " attempts");
        assertTrue(attempts > 500, "the sweep really ran: " + attempts);
    }

    @Test
    void noRoleOfOneTenantReachesAnotherTenantsObjectsAndTheyStayUntouched() throws Exception {
        sweep();
        for (Identities.TenantKit kit : KITS) {
            Map<String, String> ids = OBJECTS.get(kit.id());
            // the platform admin reaches everything, so the ids the sweep used are real objects
            assertEquals(200, api.admin("GET", "/admin/tenants/" + kit.id() + "/users/" + ids.get("{user}"), null).status());
            JsonObject user = api.send("GET", "/admin/tenants/" + kit.id() + "/users/" + ids.get("{user}"), kit.tenantAdmin(), null).object();
            assertEquals(List.of("auditor"), user.getJsonArray("roles").getValuesAs(jakarta.json.JsonString.class).stream()
                    .map(jakarta.json.JsonString::getString).toList(), "no role was added or removed by another tenant");
            List<Map<String, Object>> token = Db.query(stack, "SELECT revoked_at, replaced_by FROM api_token WHERE id = ?",
                    UUID.fromString(ids.get("{token}")));
            assertNull(token.get(0).get("revoked_at"));
            assertNull(token.get(0).get("replaced_by"));
            assertEquals(1, Db.query(stack, "SELECT 1 FROM service_account WHERE id = ? AND disabled_at IS NULL AND secret_rotated_at IS NULL",
                    UUID.fromString(ids.get("{sa}"))).size());
            assertEquals(0, Db.query(stack, "SELECT 1 FROM tenant_user WHERE tenant_id = ? AND subject = 'intruder'",
                    UUID.fromString(kit.id())).size());
            assertEquals(0, Db.query(stack, "SELECT 1 FROM group_mapping WHERE tenant_id = ? AND idp_group = 'everyone'",
                    UUID.fromString(kit.id())).size());
            assertEquals(0, Db.query(stack, "SELECT 1 FROM tenant_idp WHERE tenant_id = ?", UUID.fromString(kit.id())).size(),
                    "no IdP was registered for another tenant");
            assertEquals(200, api.chat(kit.developer(), Api.chatBody("still mine")).status());
            assertEquals(200, api.send("GET", "/admin/tenants/" + kit.id() + "/tokens", kit.tenantAdmin(), null).status(),
                    "and every tenant still reaches its own objects");
        }
        assertEquals(1, Db.query(stack, "SELECT 1 FROM model_endpoint WHERE id = ? AND enabled", UUID.fromString(endpointId)).size());
    }
}
