package it.novix;

import com.sun.net.httpserver.HttpServer;
import io.novix.launcher.NovixStack;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.io.StringReader;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 11, budget alerts: a tenant's webhook receives one signed delivery per threshold crossed
 * (50 / 80 / 100 % of its monthly budget), retried until its receiver takes it, each attempt
 * audited; the signing secret is shown once and never stored in clear or audited.
 */
class BudgetAlertIT {

    private record Delivery(String id, String signature, byte[] body) {
    }

    private static NovixStack stack;
    private static Api api;
    private static HttpServer receiver;
    private static final List<Delivery> taken = new CopyOnWriteArrayList<>();
    private static final AtomicInteger refuseNext = new AtomicInteger();
    private static final AtomicInteger refused = new AtomicInteger();

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
        receiver = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        receiver.createContext("/hooks", exchange -> {
            byte[] body = exchange.getRequestBody().readAllBytes();
            if (refuseNext.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
                refused.incrementAndGet();
                exchange.sendResponseHeaders(503, -1);
            } else {
                taken.add(new Delivery(exchange.getRequestHeaders().getFirst("Novix-Delivery"),
                        exchange.getRequestHeaders().getFirst("Novix-Signature"), body));
                exchange.sendResponseHeaders(204, -1);
            }
            exchange.close();
        });
        receiver.start();
    }

    @AfterAll
    static void stop() {
        receiver.stop(0);
    }

    @Test
    void eachThresholdIsDeliveredOnceSignedRetriedUntilTakenAndAudited() throws Exception {
        String tenant = api.tenant("alert-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        assertEquals(200, api.admin("PUT", "/admin/tenants/" + tenant + "/policy", "{\"budgetUsdPerMonth\":0.0005}").status());
        String url = "http://127.0.0.1:" + receiver.getAddress().getPort() + "/hooks/" + tenant;
        Api.Answer set = api.admin("PUT", "/admin/tenants/" + tenant + "/webhook", "{\"url\":\"" + url + "\"}");
        assertEquals(200, set.status(), set.body());
        String secret = set.object().getString("secret");
        assertTrue(secret.startsWith("whsec_"));
        assertEquals(List.of(50, 80, 100), set.object().getJsonArray("thresholds").getValuesAs(jakarta.json.JsonNumber.class)
                .stream().map(jakarta.json.JsonNumber::intValue).toList());
        assertFalse(api.admin("GET", "/admin/tenants/" + tenant + "/webhook", null).body().contains(secret), "shown once");
        assertTrue(Db.query(stack, "SELECT 1 FROM tenant_webhook WHERE tenant_id = ? AND position(? in encode(secret_sealed, 'escape')) = 0",
                UUID.fromString(tenant), secret).size() == 1, "the secret is stored sealed, not in clear");
        assertFalse(Db.query(stack, "SELECT after_state::text || coalesce(before_state::text, '') AS s FROM audit_record WHERE tenant_id = ? "
                        + "AND action = 'admin.webhook.set'", UUID.fromString(tenant)).toString().contains(secret));

        // the first attempt fails: MicroProfile retries the post twice at once, all three refused; the next
        // post is refused once more, and its MicroProfile retry gets through
        refuseNext.set(4);
        String token = api.token(tenant).getString("token");
        Api.Answer last = null;
        for (int i = 0; i < 200; i++) {
            last = api.chat(token, "{\"messages\":[{\"role\":\"user\",\"content\":\"spend " + i + "\"}],\"max_tokens\":16}");
            if (last.status() != 200) {
                break;
            }
        }
        assertNotNull(last);
        assertEquals("budget_exceeded", last.errorCode(), last.body());

        long deadline = System.nanoTime() + 30_000_000_000L;
        List<Map<String, Object>> alerts;
        boolean delivered;
        do { // deliveries are asynchronous: poll the alert table until all three are delivered
            alerts = Db.query(stack, "SELECT id, threshold, attempts, delivered_at FROM budget_alert WHERE tenant_id = ? ORDER BY threshold",
                    UUID.fromString(tenant));
            delivered = alerts.size() == 3 && alerts.stream().allMatch(a -> a.get("delivered_at") != null);
            Thread.sleep(delivered ? 0 : 20); // a poll, not a spin: the server under test has two cores
        } while (!delivered && System.nanoTime() < deadline);
        assertEquals(List.of(50, 80, 100), alerts.stream().map(a -> ((Number) a.get("threshold")).intValue()).toList());
        assertTrue(alerts.stream().allMatch(a -> a.get("delivered_at") != null), alerts.toString());
        assertEquals(4, refused.get(), "the receiver refused four posts");

        List<Delivery> mine = taken.stream().filter(d -> new String(d.body(), StandardCharsets.UTF_8).contains(tenant)).toList();
        assertEquals(3, mine.size(), "one delivery per threshold, none twice");
        for (Delivery d : mine) {
            assertSigned(secret, d);
            JsonObject body = Json.createReader(new StringReader(new String(d.body(), StandardCharsets.UTF_8))).readObject();
            assertEquals("budget.threshold", body.getString("type"));
            assertEquals(d.id(), body.getString("id"));
            assertEquals(0, new java.math.BigDecimal("0.0005").compareTo(body.getJsonNumber("budgetUsd").bigDecimalValue()));
        }
        List<Map<String, Object>> attempts;
        long succeeded;
        do { // an attempt's audit row is queued after its delivered_at commits: poll until the last one is written
            attempts = Db.query(stack, "SELECT outcome, error_code FROM audit_record WHERE tenant_id = ? "
                    + "AND action = 'webhook.budget-alert' ORDER BY id", UUID.fromString(tenant));
            succeeded = attempts.stream().filter(a -> "SUCCESS".equals(a.get("outcome"))).count();
            Thread.sleep(succeeded < 3 ? 20 : 0); // a poll with a deadline, not a spin
        } while (succeeded < 3 && System.nanoTime() < deadline);
        assertEquals(4, attempts.size(), "each attempt audited (a MicroProfile round of posts is one attempt): " + attempts);
        assertEquals(3, succeeded);
        assertEquals(1, attempts.stream().filter(a -> "webhook_failed".equals(a.get("error_code"))).count(),
                "the failed attempt, retried later from PostgreSQL until delivered");
    }

    @Test
    void theWebhookIsValidatedAndATenantAdminManagesItsOwn() throws Exception {
        String tenant = api.tenant("alert-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        for (String bad : new String[]{"{\"url\":\"ftp://example.com/x\"}", "{\"url\":\"https://user:pw@example.com/x\"}",
                "{\"url\":\"http://169.254.169.254/latest\"}", "{\"url\":\"https://example.com\",\"thresholds\":[80,50]}",
                "{\"url\":\"https://example.com\",\"thresholds\":[0]}", "{\"url\":\"https://example.com\",\"thresholds\":[101]}",
                "{\"url\":\"https://example.com\",\"rotateSecret\":\"yes\"}"}) {
            Api.Answer a = api.admin("PUT", "/admin/tenants/" + tenant + "/webhook", bad);
            assertEquals(400, a.status(), bad + " → " + a.body());
            assertEquals("invalid_field", a.errorCode(), a.body());
        }
        assertEquals("missing_field", api.admin("PUT", "/admin/tenants/" + tenant + "/webhook", "{}").errorCode());
        Api.Answer token = api.admin("POST", "/admin/tenants/" + tenant + "/tokens", "{\"name\":\"admin\",\"role\":\"tenant-admin\","
                + "\"scopes\":[\"admin:policy\"],\"expiresIn\":\"P1D\"}");
        Api own = new Api(stack.baseUrl(), token.object().getString("token"));
        Api.Answer first = own.admin("PUT", "/admin/tenants/" + tenant + "/webhook", "{\"url\":\"https://hooks.example.com/n\",\"thresholds\":[90]}");
        assertEquals(200, first.status(), first.body());
        Api.Answer again = own.admin("PUT", "/admin/tenants/" + tenant + "/webhook", "{\"url\":\"https://hooks.example.com/m\"}");
        assertFalse(again.object().containsKey("secret") && !again.object().isNull("secret"), "kept unless rotated: " + again.body());
        Api.Answer rotated = own.admin("PUT", "/admin/tenants/" + tenant + "/webhook", "{\"url\":\"https://hooks.example.com/m\",\"rotateSecret\":true}");
        assertTrue(rotated.object().getString("secret").startsWith("whsec_"));
        assertFalse(rotated.object().getString("secret").equals(first.object().getString("secret")));
        String other = api.tenant("alert-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        assertEquals(404, own.admin("PUT", "/admin/tenants/" + other + "/webhook", "{\"url\":\"https://hooks.example.com/x\"}").status(),
                "another tenant's objects do not exist for this admin");
        assertEquals(404, api.admin("GET", "/admin/tenants/" + other + "/webhook", null).status(), "nothing was set there");
        assertEquals(204, own.admin("DELETE", "/admin/tenants/" + tenant + "/webhook", null).status());
        assertEquals(404, own.admin("GET", "/admin/tenants/" + tenant + "/webhook", null).status());
    }

    /** What a receiver does: recompute HMAC-SHA256 over "t.body" with the secret, compare in constant time, check t is fresh. */
    private static void assertSigned(String secret, Delivery d) throws Exception {
        Map<String, String> parts = new java.util.HashMap<>();
        for (String kv : d.signature().split(",")) {
            parts.put(kv.substring(0, kv.indexOf('=')), kv.substring(kv.indexOf('=') + 1));
        }
        long t = Long.parseLong(parts.get("t"));
        assertTrue(Math.abs(Instant.now().getEpochSecond() - t) < 300, "fresh");
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.US_ASCII), "HmacSHA256"));
        mac.update((t + ".").getBytes(StandardCharsets.US_ASCII));
        byte[] expected = mac.doFinal(d.body());
        assertTrue(MessageDigest.isEqual(expected, HexFormat.of().parseHex(parts.get("v1"))), "signed with the tenant's secret");
    }
}
