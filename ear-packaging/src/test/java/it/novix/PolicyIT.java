package it.novix;

import io.novix.launcher.NovixStack;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11: a tenant's policy (tier defaults + overrides, with their sources), enforced before the
 * upstream is called — requests per minute (429 rate_limited with RateLimit headers), the models
 * it may use, its money budget (402 budget_exceeded, reserve-then-settle) — and every call's cost
 * from the price table on its audit row.
 */
class PolicyIT {

    private static NovixStack stack;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
    }

    private static String tenant(String tier) throws Exception {
        return api.tenant("pol-" + UUID.randomUUID().toString().substring(0, 8), tier);
    }

    @Test
    void thePolicyShowsTierDefaultsAndOverridesWithTheirSourcesAndChangesAreAudited() throws Exception {
        String tenant = tenant("ENTERPRISE");
        JsonObject before = api.admin("GET", "/admin/tenants/" + tenant + "/policy", null).object();
        assertEquals(100_000, before.getJsonObject("policy").getInt("requestsPerMinute"));
        assertEquals("tier", before.getJsonObject("policy").getJsonObject("sources").getString("requestsPerMinute"));
        assertEquals("REGIONAL", before.getJsonObject("policy").getString("residency"));

        Api.Answer set = api.admin("PUT", "/admin/tenants/" + tenant + "/policy", "{\"requestsPerMinute\":1200,\"budgetUsdPerMonth\":40}");
        assertEquals(200, set.status(), set.body());
        JsonObject p = set.object().getJsonObject("policy");
        assertEquals(1200, p.getInt("requestsPerMinute"));
        assertEquals("tenant", p.getJsonObject("sources").getString("requestsPerMinute"));
        assertEquals("tier", p.getJsonObject("sources").getString("residency"), "left out: the tier's default");
        assertEquals(0, new BigDecimal("40").compareTo(p.getJsonNumber("budgetUsdPerMonth").bigDecimalValue()));

        Map<String, Object> row = Db.audit(stack, set.requestId()).get(0);
        assertEquals("admin.policy.set", row.get("action"));
        JsonObject detail = api.admin("GET", "/admin/tenants/" + tenant + "/audit/" + row.get("id"), null).object();
        assertEquals(100_000, detail.getJsonObject("before").getJsonObject("policy").getInt("requestsPerMinute"));
        assertEquals(1200, detail.getJsonObject("after").getJsonObject("policy").getInt("requestsPerMinute"));

        for (String bad : new String[]{"{\"requestsPerMinute\":0}", "{\"requestsPerMinute\":\"x\"}", "{\"residency\":\"MARS\"}",
                "{\"budgetUsdPerMonth\":-1}", "{\"allowedModels\":[\"../etc\"]}", "{\"tenant\":\"x\"}"}) {
            Api.Answer refused = api.admin("PUT", "/admin/tenants/" + tenant + "/policy", bad);
            assertEquals(400, refused.status(), bad + " → " + refused.body());
        }
        String token = api.token(tenant, "inference:chat").getString("token");
        // a tenant's own credentials may not change its policy (platform admin only)
        Api.Answer own = new Api(stack.baseUrl(), adminToken(tenant)).admin("PUT", "/admin/tenants/" + tenant + "/policy",
                "{\"requestsPerMinute\":999999}");
        assertEquals(403, own.status(), own.body());
        assertEquals(200, api.chat(token, Api.chatBody("still served")).status());
    }

    @Test
    void requestsPerMinuteAreEnforcedWithRateLimitHeaders() throws Exception {
        String tenant = tenant("STANDARD");
        assertEquals(200, api.admin("PUT", "/admin/tenants/" + tenant + "/policy", "{\"requestsPerMinute\":4}").status());
        String token = api.token(tenant).getString("token");
        int ok = 0;
        Api.Answer last = null;
        for (int i = 0; i < 6; i++) {
            Api.Answer answer = api.chat(token, Api.chatBody("n" + i));
            if (last == null || last.status() == 200) {
                last = answer; // the first refusal is kept: a minute boundary after it admits the next call
            }
            if (answer.status() == 200) {
                ok++;
                assertTrue(answer.raw().headers().firstValue("RateLimit-Policy").orElse("").contains("\"rpm\";q=4;w=60"),
                        answer.raw().headers().map().toString());
                assertTrue(answer.raw().headers().firstValue("RateLimit").orElse("").matches(".*\"rpm\";r=\\d+;t=\\d+.*"));
            }
        }
        // a minute boundary may fall inside the loop and give a fresh window: at most 4 per window, so 4 or more here
        assertTrue(ok >= 4 && ok <= 6, "admitted " + ok);
        if (ok < 6) {
            assertEquals(429, last.status(), last.body());
            assertEquals("rate_limited", last.errorCode());
            long retry = Long.parseLong(last.raw().headers().firstValue("Retry-After").orElseThrow());
            assertTrue(retry >= 1 && retry <= 60, "retry after " + retry);
            assertTrue(last.raw().headers().firstValue("RateLimit").orElse("").contains("\"rpm\";r=0"));
            Map<String, Object> row = Db.audit(stack, last.requestId()).get(0);
            assertEquals("rate_limited", row.get("error_code"));
            assertTrue(String.valueOf(row.get("policy_verdict")).startsWith("rpm=4;"), "the refusal names the policy that refused it: "
                    + row.get("policy_verdict"));
        }
    }

    @Test
    void onlyAllowedModelsAndEveryCallCarriesItsCost() throws Exception {
        String tenant = tenant("STANDARD");
        assertEquals(200, api.admin("PUT", "/admin/tenants/" + tenant + "/policy",
                "{\"allowedModels\":[\"HuggingFaceH4/zephyr-7b-beta\"]}").status());
        String token = api.token(tenant).getString("token");
        Api.Answer served = api.chat(token, Api.chatBody("what does it cost"));
        assertEquals(200, served.status(), served.body());
        Map<String, Object> row = Db.audit(stack, served.requestId()).get(0);
        BigDecimal cost = (BigDecimal) row.get("cost_usd");
        assertNotNull(cost);
        long in = ((Number) row.get("tokens_in")).longValue();
        long out = ((Number) row.get("tokens_out")).longValue();
        BigDecimal expected = new BigDecimal("0.00015").multiply(BigDecimal.valueOf(in)).add(new BigDecimal("0.0002")
                .multiply(BigDecimal.valueOf(out))).divide(BigDecimal.valueOf(1000));
        assertTrue(cost.subtract(expected).abs().compareTo(new BigDecimal("0.00000002")) <= 0,
                "cost " + cost + " = seeded zephyr prices × " + in + "/" + out + " tokens (" + expected + ")");

        Api.Answer other = api.chat(token, "{\"model\":\"mistralai/Mixtral-8x7B-Instruct-v0.1\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}");
        assertEquals(403, other.status(), other.body());
        assertEquals("model_not_allowed", other.errorCode());
    }

    @Test
    void aBudgetIsReservedBeforeTheCallAndNeverOverspent() throws Exception {
        String tenant = tenant("STANDARD");
        // the most a default call can cost (8,192 output tokens at $0.0002/1K) is about $0.0016: over a $0.001 budget
        assertEquals(200, api.admin("PUT", "/admin/tenants/" + tenant + "/policy", "{\"budgetUsdPerMonth\":0.001}").status());
        String token = api.token(tenant).getString("token");
        Api.Answer big = api.chat(token, Api.chatBody("long answer please"));
        assertEquals(402, big.status(), big.body());
        assertEquals("budget_exceeded", big.errorCode());
        assertFalse(big.raw().headers().firstValue("Retry-After").isEmpty());

        String small = "{\"model\":\"HuggingFaceH4/zephyr-7b-beta\",\"max_tokens\":20,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}";
        int served = 0;
        Api.Answer last;
        do {
            last = api.chat(token, small);
            served += last.status() == 200 ? 1 : 0;
        } while (last.status() == 200 && served < 500);
        assertEquals(402, last.status(), last.body());
        assertTrue(served > 10, "small calls fit many times: " + served);
        BigDecimal spent = (BigDecimal) Db.query(stack, "SELECT coalesce(sum(cost_usd), 0) AS s FROM audit_record WHERE tenant_id = ?",
                UUID.fromString(tenant)).get(0).get("s");
        assertTrue(spent.compareTo(new BigDecimal("0.001")) <= 0, "spent " + spent + " of a $0.001 budget");
    }

    @Test
    void aTenantAdminNarrowsOneTokenNeverAboveTheTenant() throws Exception {
        String tenant = tenant("STANDARD");
        String admin = adminToken(tenant);
        JsonObject narrow = api.token(tenant);
        String principal = "token:" + narrow.getString("prefix");
        Api tenantApi = new Api(stack.baseUrl(), admin);
        Api.Answer above = tenantApi.admin("PUT", "/admin/tenants/" + tenant + "/credential-limits/" + principal,
                "{\"requestsPerMinute\":20000}");
        assertEquals(400, above.status(), "above the tenant's 10,000: " + above.body());
        Api.Answer set = tenantApi.admin("PUT", "/admin/tenants/" + tenant + "/credential-limits/" + principal, "{\"requestsPerMinute\":2}");
        assertEquals(200, set.status(), set.body());
        String other = api.token(tenant).getString("token");
        int ok = 0;
        Api.Answer last = null;
        for (int i = 0; i < 5; i++) {
            Api.Answer answer = api.chat(narrow.getString("token"), Api.chatBody("n" + i));
            ok += answer.status() == 200 ? 1 : 0;
            if (last == null || last.status() == 200) {
                last = answer; // the first refusal is kept: a minute boundary after it admits the next call
            }
        }
        assertTrue(ok >= 2 && ok <= 4, "2 per minute (a minute boundary may fall inside the loop): " + ok);
        assertEquals(429, last.status(), last.body());
        assertEquals("rate_limited", last.errorCode());
        assertEquals(200, api.chat(other, Api.chatBody("the tenant's other token")).status(), "the sub-limit is the token's alone");
        assertEquals(200, tenantApi.admin("DELETE", "/admin/tenants/" + tenant + "/credential-limits/" + principal, null).status());
    }

    @Test
    void usageIsGroupedByTokenModelAndDayAndPlatformWideByTenant() throws Exception {
        String tenant = tenant("STANDARD");
        JsonObject a = api.token(tenant);
        JsonObject b = api.token(tenant);
        String other = "acme/usage-" + UUID.randomUUID().toString().substring(0, 6);
        for (int i = 0; i < 3; i++) {
            assertEquals(200, api.chat(a.getString("token"), Api.chatBody("a" + i)).status());
        }
        assertEquals(200, api.chat(b.getString("token"), "{\"model\":\"" + other + "\",\"messages\":[{\"role\":\"user\",\"content\":\"b\"}]}").status());

        JsonObject byToken = api.admin("GET", "/admin/tenants/" + tenant + "/usage?groupBy=token", null).object();
        assertEquals(4, byToken.getJsonObject("totals").getInt("requests"));
        Map<String, Integer> requests = new java.util.HashMap<>();
        byToken.getJsonArray("groups").getValuesAs(JsonObject.class).forEach(g -> requests.put(g.getString("key"), g.getInt("requests")));
        assertEquals(Map.of("token:" + a.getString("prefix"), 3, "token:" + b.getString("prefix"), 1), requests);

        JsonObject byModel = api.admin("GET", "/admin/tenants/" + tenant + "/usage?groupBy=model&model=" + other, null).object();
        assertEquals(1, byModel.getJsonArray("groups").size());
        assertEquals(other, byModel.getJsonArray("groups").getJsonObject(0).getString("key"));

        JsonObject byDay = api.admin("GET", "/admin/tenants/" + tenant + "/usage?groupBy=day", null).object();
        BigDecimal cost = (BigDecimal) Db.query(stack, "SELECT COALESCE(SUM(cost_usd), 0) AS c FROM audit_record WHERE tenant_id = ?",
                UUID.fromString(tenant)).get(0).get("c");
        assertEquals(0, cost.compareTo(byDay.getJsonObject("totals").getJsonNumber("costUsd").bigDecimalValue()),
                "the usage API and SQL on the audit trail agree");
        assertTrue(cost.signum() > 0);
        assertEquals(java.time.LocalDate.now(java.time.ZoneOffset.UTC).toString(), byDay.getJsonArray("groups").getJsonObject(0).getString("key"));

        JsonObject platform = api.admin("GET", "/admin/usage?groupBy=tenant", null).object();
        assertTrue(platform.getJsonArray("groups").getValuesAs(JsonObject.class).stream()
                .anyMatch(g -> g.getString("key").equals(tenant) && g.getInt("requests") == 4), platform.toString());
        assertEquals(403, new Api(stack.baseUrl(), adminToken(tenant)).admin("GET", "/admin/usage", null).status(),
                "platform-wide usage is the platform administrator's");
        assertEquals(400, api.admin("GET", "/admin/tenants/" + tenant + "/usage?groupBy=colour", null).status());
        assertEquals(400, api.admin("GET", "/admin/tenants/" + tenant + "/usage?groupBy=tenant", null).status());
    }

    @Test
    void theSlaCountsNovixAndUpstreamFailuresNotTheCallersAndIsInUsageAndMetrics() throws Exception {
        String tenant = tenant("ENTERPRISE");
        String token = api.token(tenant).getString("token");
        for (int i = 0; i < 8; i++) {
            assertEquals(200, api.chat(token, Api.chatBody("ok " + i)).status());
        }
        for (int i = 0; i < 2; i++) { // the caller's own mistakes do not count against the SLA
            assertEquals(400, api.chat(token, "{\"temperature\":9,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}").status());
        }
        stack.simulator().orElseThrow().script("{\"faults\":[{\"kind\":\"status\",\"status\":503},"
                + "{\"kind\":\"status\",\"status\":503},{\"kind\":\"status\",\"status\":503}]}");
        Api.Answer failed = api.chat(token, Api.chatBody("the upstream is down"));
        assertTrue(failed.status() >= 500, failed.body());

        JsonObject level;
        long deadline = System.nanoTime() + 30_000_000_000L;
        do { // rolled up from settled audit rows in the background
            level = api.admin("GET", "/admin/tenants/" + tenant + "/usage", null).object().getJsonObject("serviceLevel");
        } while (level.getInt("eligible") < 9 && System.nanoTime() < deadline);
        assertEquals(9, level.getInt("eligible"), level.toString());
        assertEquals(1, level.getInt("failed"));
        assertEquals(0, new BigDecimal("99.95").compareTo(level.getJsonNumber("slaPercent").bigDecimalValue()), "Enterprise's SLA");
        assertEquals(0, new BigDecimal("88.8888").compareTo(level.getJsonNumber("availabilityPercent").bigDecimalValue()), level.toString());
        assertEquals(0, level.getJsonNumber("errorBudgetRemaining").bigDecimalValue().signum(), "one failure in nine spends it all");
        assertFalse(level.getBoolean("met"));
        java.util.function.Predicate<String> gauge = l -> l.startsWith("novix_tenant_availability_percent{")
                && l.contains("tenant=\"" + tenant + "\"");
        String metrics;
        do { // published by the same background round, just after the roll-up
            metrics = Management.metrics(stack, "application").body();
        } while (metrics.lines().filter(gauge).noneMatch(l -> l.endsWith(" 88.8888")) && System.nanoTime() < deadline);
        assertEquals(List.of("88.8888"), metrics.lines().filter(gauge).map(l -> l.substring(l.lastIndexOf(' ') + 1)).toList(),
                "a gauge per tenant");

        JsonObject quiet = api.admin("GET", "/admin/tenants/" + tenant("STANDARD") + "/usage", null).object().getJsonObject("serviceLevel");
        assertEquals(0, quiet.getInt("eligible"));
        assertTrue(quiet.getBoolean("met"), "no answers, nothing missed");
    }

    private static String adminToken(String tenant) throws Exception {
        Api.Answer a = api.admin("POST", "/admin/tenants/" + tenant + "/tokens", "{\"name\":\"admin\",\"role\":\"tenant-admin\","
                + "\"scopes\":[\"admin:policy\"],\"expiresIn\":\"P1D\"}");
        assertEquals(201, a.status(), a.body());
        return a.object().getString("token");
    }
}
