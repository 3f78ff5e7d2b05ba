package it.novix;

import io.novix.launcher.NovixStack;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The web console in a real browser (Debian's chromium) against the running gateway: token sign-in,
 * issuing and revoking a token, changing a group mapping, the overview, searching and exporting the
 * audit trail, the platform administrator's policy page, tenant isolation, the strict CSP, phone
 * width, and axe-core's WCAG 2.1 AA scan of every page. SAML sign-in through Keycloak is {@link ConsoleSsoIT}.
 * The screenshots in docs/console are taken here (the People page's by ConsoleSsoIT, whose tenant has an IdP).
 */
class ConsoleIT {

    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static NovixStack stack;
    private static Api api;
    private static String tenantA;
    private static String slugA;
    private static String tenantB;
    private static String adminA;
    private static String auditorA;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
        slugA = Identities.slug("console-a");
        tenantA = api.tenant(slugA, "ENTERPRISE");
        tenantB = api.tenant(Identities.slug("console-b"), "ENTERPRISE");
        // the inference scopes too: a tenant admin's token hands on (in tokens, bindings, mappings) only scopes it carries
        adminA = token(tenantA, "tenant-admin", "admin:tokens", "admin:users", "admin:policy", "audit:read", "inference:chat",
                "inference:embeddings", "inference:images", "inference:audio");
        auditorA = token(tenantA, "auditor", "audit:read");
        // traffic for the overview and the audit trail
        String chat = api.token(tenantA).getString("token");
        for (int i = 0; i < 3; i++) {
            assertEquals(200, api.chat(chat, Api.chatBody("hello console " + i)).status());
        }
    }

    private static String token(String tenant, String role, String... scopes) throws Exception {
        Api.Answer a = api.admin("POST", "/admin/tenants/" + tenant + "/tokens", "{\"name\":\"console-" + role + "\",\"role\":\"" + role
                + "\",\"scopes\":[\"" + String.join("\",\"", scopes) + "\"],\"expiresIn\":\"P1D\"}");
        assertEquals(201, a.status(), a.body());
        return a.object().getString("token");
    }

    @Test
    void aTenantAdminIssuesAndRevokesATokenAndChangesAGroupMapping() throws Exception {
        try (ConsoleBrowser b = new ConsoleBrowser(stack.baseUrl())) {
            b.signInWithToken(adminA);
            assertEquals(List.of("Overview", "Tokens", "People", "Audit"), b.nav(), "a tenant admin is not offered the platform's policy page");
            assertTrue(b.driver.findElement(By.id("whoami")).getText().contains(slugA));
            assertTrue(b.driver.findElement(By.tagName("main")).getText().contains("Spend this month"));
            b.screenshot("overview");
            assertNoSeriousViolations(b, "overview");

            // issue: the secret is shown once, and it works
            b.go("tokens", "Tokens");
            b.type(By.xpath("//label[text()='Name']/following-sibling::input"), "ci-bot");
            b.driver.findElement(By.id("scope-inference-chat")).click();
            b.driver.findElement(By.xpath("//button[text()='Issue token']")).click();
            String secret = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.id("new-secret"))).getText();
            assertTrue(secret.startsWith("nvx_"), secret);
            assertEquals(200, api.chat(secret, Api.chatBody("issued in the console")).status());
            b.screenshot("tokens");
            assertNoSeriousViolations(b, "tokens");
            // revoke it: the API refuses it from then on
            b.driver.findElement(By.cssSelector("button[aria-label='Revoke ci-bot']")).click();
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "revoked"));
            assertEquals(401, api.chat(secret, Api.chatBody("after revocation")).status());
            assertFalse(Db.query(stack, "SELECT 1 FROM audit_record WHERE tenant_id = ?::uuid AND action = 'admin.token.revoke' "
                    + "AND outcome = 'SUCCESS'", tenantA).isEmpty(), "the revocation through the console is audited");

            // group mapping: add novix-devs → developer
            b.go("people", "People");
            b.driver.findElement(By.xpath("//button[text()='Add a group']")).click();
            List<WebElement> groups = b.driver.findElements(By.cssSelector("input[aria-label='IdP group']"));
            groups.get(groups.size() - 1).sendKeys("novix-devs");
            List<WebElement> dev = b.driver.findElements(By.cssSelector("input[aria-label='developer for this group']"));
            dev.get(dev.size() - 1).click();
            b.driver.findElement(By.xpath("//button[text()='Save mappings']")).click();
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Group mappings saved"));
            Api.Answer mappings = api.admin("GET", "/admin/tenants/" + tenantA + "/group-mappings", null);
            assertEquals(List.of("developer"), mappings.object().getJsonObject("groups").getJsonArray("novix-devs")
                    .getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());
            assertNoSeriousViolations(b, "people"); // its screenshot is ConsoleSsoIT's, with an IdP registered

            // another tenant's objects are refused to this session, whatever the page asks
            String other = b.fetch("GET", "/admin/tenants/" + tenantB + "/users");
            assertTrue(other.startsWith("403 ") || other.startsWith("404 "), other);
            assertFalse(other.contains("\"subject\""), "no user of the other tenant is shown");
            b.script("sessionStorage.setItem('novix.tenant', arguments[0]);", tenantB);
            b.open("/console/#/overview");
            b.waitForPage("Overview");
            assertTrue(b.driver.findElement(By.tagName("main")).getText().contains(slugA), "the console shows the session's own tenant");
            assertFalse(b.driver.findElement(By.id("tenant")).isDisplayed(), "no tenant picker for a tenant admin");

            // who-am-I, then sign-out ends the session
            String who = b.fetch("GET", "/sso/session");
            assertTrue(who.startsWith("200 ") && who.contains("\"tenantId\":\"" + tenantA + "\"") && who.contains("tenant-admin")
                    && who.contains("\"kind\":\"token\"") && who.contains("expiresAt"), who);
            b.driver.findElement(By.id("signout")).click();
            b.wait.until(ExpectedConditions.urlContains("/console/login"));
            assertTrue(b.fetch("GET", "/sso/session").startsWith("401 "));
        }
    }

    @Test
    void anAuditorSearchesOpensAndExportsTheTrail() throws Exception {
        try (ConsoleBrowser b = new ConsoleBrowser(stack.baseUrl())) {
            b.signInWithToken(auditorA);
            assertEquals(List.of("Overview", "Audit"), b.nav(), "an auditor is offered only what the matrix lets auditors do");
            b.go("audit", "Audit");
            b.type(By.name("action"), "inference.*");
            // the page opened with an unfiltered search: wait for the filtered one to replace it
            WebElement unfiltered = b.wait.until(ExpectedConditions.presenceOfElementLocated(By.cssSelector("#audit-results table")));
            b.driver.findElement(By.xpath("//button[text()='Search']")).click();
            b.wait.until(ExpectedConditions.stalenessOf(unfiltered));
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("audit-results"), "inference.chat"));
            b.driver.findElement(By.cssSelector("#audit-results button[aria-label^='Open entry']")).click();
            WebElement detail = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#audit-detail dl")));
            assertTrue(detail.getText().contains("Chain position"), detail.getText());
            assertTrue(detail.getText().contains("inference.chat"), detail.getText());
            b.screenshot("audit");
            assertNoSeriousViolations(b, "audit");

            String href = b.driver.findElement(By.linkText("NDJSON")).getAttribute("href");
            String ndjson = b.fetch("GET", URI.create(href).getRawPath() + "?" + URI.create(href).getRawQuery());
            assertTrue(ndjson.startsWith("200 "), ndjson.length() > 200 ? ndjson.substring(0, 200) : ndjson);
            assertTrue(ndjson.lines().filter(l -> l.contains("\"inference.chat\"")).count() >= 3, "the export holds the chats");
            String csv = b.fetch("GET", URI.create(b.driver.findElement(By.linkText("CSV")).getAttribute("href")).getRawPath() + "?"
                    + URI.create(b.driver.findElement(By.linkText("CSV")).getAttribute("href")).getRawQuery());
            assertTrue(csv.startsWith("200 ") && csv.contains("inference.chat"));
            // the trail's verification and the evidence for a control
            b.driver.findElement(By.xpath("//button[text()='Verify the trail now']")).click();
            // the whole platform's trail is verified: in the full suite that is many thousands of entries
            new org.openqa.selenium.support.ui.WebDriverWait(b.driver, java.time.Duration.ofMinutes(3)).until(ExpectedConditions.textMatches(By.xpath("//section[h2='Integrity']"), java.util.regex.Pattern.compile("Verified: \\d+ entries")));
            new org.openqa.selenium.support.ui.Select(b.field("Control")).selectByValue("AU-9");
            b.driver.findElement(By.xpath("//button[text()='Show evidence']")).click();
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.xpath("//section[h2='Evidence per control']"), "\"AU-9\""));
            assertTrue(b.driver.findElement(By.linkText("Download the AU-9 evidence (JSON)")).isDisplayed());
            // an auditor changes nothing, even by hand
            assertTrue(b.fetch("POST", "/admin/tenants/" + tenantA + "/tokens").startsWith("403 "));
        }
    }

    @Test
    void thePlatformAdminPicksATenantAndReadsItsPolicy() throws Exception {
        try (ConsoleBrowser b = new ConsoleBrowser(stack.baseUrl())) {
            b.signInWithToken(stack.adminToken());
            assertEquals(List.of("Overview", "Tokens", "People", "Policy", "Audit"), b.nav());
            WebElement picker = b.driver.findElement(By.id("tenant"));
            assertTrue(picker.isDisplayed());
            new org.openqa.selenium.support.ui.Select(picker).selectByValue(tenantA);
            b.waitForPage("Overview");
            b.go("policy", "Policy");
            String page = b.driver.findElement(By.tagName("main")).getText();
            assertTrue(page.contains("Tier ENTERPRISE") && page.contains("Price table") && page.contains("Model endpoints"), page);
            assertTrue(page.contains("GOVERNMENT") && page.contains("500,000") && page.contains("SSO only"), "the tiers table: " + page);
            b.screenshot("policy");
            assertNoSeriousViolations(b, "policy");
            // an override set in the form is the tenant's policy, and the form keeps it
            b.type(By.name("requestsPerMinute"), "5000");
            b.driver.findElement(By.xpath("//button[text()='Save overrides']")).click();
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Policy overrides saved"));
            jakarta.json.JsonObject policy = api.admin("GET", "/admin/tenants/" + tenantA + "/policy", null).object().getJsonObject("policy");
            assertEquals(5000, policy.getInt("requestsPerMinute"));
            assertEquals("tenant", policy.getJsonObject("sources").getString("requestsPerMinute"));
            b.wait.until(ExpectedConditions.attributeToBe(By.name("requestsPerMinute"), "value", "5000"));

            // phone width: the layout reflows, nothing but a table's own box scrolls sideways
            b.width(390, 844);
            b.go("overview", "Overview");
            assertEquals(List.of(), b.overflowing(), "the overview fits a phone-width screen");
            b.screenshot("overview-phone");
            b.width(1280, 900);
        }
    }

    @Test
    void theSignInPageIsAccessibleAndRefusesBadTokensClearly() throws Exception {
        try (ConsoleBrowser b = new ConsoleBrowser(stack.baseUrl())) {
            b.open("/console/login");
            assertNoSeriousViolations(b, "login");
            b.screenshot("login");
            b.type(By.id("token"), "nvx_not_a_real_token");
            b.driver.findElement(By.cssSelector("#token-form button[type=submit]")).click();
            WebElement status = b.wait.until(ExpectedConditions.visibilityOfElementLocated(By.cssSelector("#status p")));
            assertTrue(status.getText().contains("invalid_token"), status.getText());
            assertEquals("", b.driver.findElement(By.id("token")).getAttribute("value"), "the token is not left in the form");
            assertTrue(b.fetch("GET", "/sso/session").startsWith("401 "));
        }
        List<Map<String, Object>> refused = Db.query(stack, "SELECT outcome, error_code FROM audit_record WHERE action = 'console.login' "
                + "AND outcome = 'DENIED'");
        assertFalse(refused.isEmpty(), "a refused console sign-in is audited");
    }

    @Test
    void theKeyboardAloneSignsInAndReachesThePages() throws Exception {
        try (ConsoleBrowser b = new ConsoleBrowser(stack.baseUrl())) {
            b.open("/console/login");
            // tab order: tenant name, its button, then the token field
            b.keys(Keys.TAB, Keys.TAB, Keys.TAB);
            assertEquals("token", b.active().getAttribute("id"));
            b.keys(auditorA, Keys.ENTER.toString());
            b.waitForPage("Overview");
            // the skip link comes first and moves focus to the content
            b.keys(Keys.TAB);
            assertEquals("Skip to content", b.active().getText());
            b.keys(Keys.ENTER.toString());
            assertEquals("main", b.active().getAttribute("id"));
            // the navigation is reachable and followed with Enter
            b.open("/console/#/overview");
            b.waitForPage("Overview");
            for (int i = 0; i < 6 && !"Audit".equals(b.active().getText()); i++) {
                b.keys(Keys.TAB);
            }
            assertEquals("Audit", b.active().getText(), "the Audit link is in the tab order");
            b.keys(Keys.ENTER.toString());
            b.waitForPage("Audit");
        }
    }

    @Test
    void theConsoleIsServedWithAStrictPolicyAndNoInlineScript() throws Exception {
        for (String path : List.of("/console/", "/console/login")) {
            HttpResponse<String> r = HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + path)).build(),
                    HttpResponse.BodyHandlers.ofString());
            assertEquals(200, r.statusCode());
            String csp = r.headers().firstValue("Content-Security-Policy").orElseThrow();
            assertTrue(csp.contains("script-src 'self'") && csp.contains("default-src 'none'") && !csp.contains("unsafe"), csp);
            assertFalse(r.body().matches("(?s).*<script(?![^>]*\\bsrc=)[^>]*>.*"), "no inline script in " + path);
            assertFalse(r.body().contains("style=\""), "no inline style in " + path);
        }
        for (Path js : Files.list(Path.of("../src/novix-api/src/main/webapp/WEB-INF/console")).filter(p -> p.toString().endsWith(".js")).toList()) {
            String source = Files.readString(js);
            assertFalse(source.contains("innerHTML") || source.contains("eval(") || source.contains("localStorage"),
                    js + ": no markup from strings, no eval, no secrets in local storage");
        }
        // a sign-in posted from another site's page is refused (login CSRF)
        HttpResponse<String> cross = HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/console/login"))
                .header("Content-Type", "application/json").header("Origin", "https://evil.example")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + adminA + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(403, cross.statusCode(), cross.body());
        assertTrue(cross.body().contains("cross_origin_refused"));
        // the session cookie is httpOnly and SameSite=Strict; the CSRF cookie is readable by the page only
        HttpResponse<String> in = HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/console/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + adminA + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(200, in.statusCode(), in.body());
        String session = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("novix_session=")).findFirst().orElseThrow();
        assertTrue(session.contains("HttpOnly") && session.contains("SameSite=Strict") && session.contains("Path=/")
                && !session.contains("Path=\"/\""), session + ": a quoted path is taken literally by browsers");
        assertFalse(in.body().contains(adminA), "the token is never echoed");
        // a change with the session but without its CSRF token is refused
        String cookie = session.substring(0, session.indexOf(';'));
        HttpResponse<String> noCsrf = HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/admin/tenants/" + tenantA + "/tokens"))
                .header("Cookie", cookie).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"name\":\"x\",\"scopes\":[\"inference:chat\"],\"expiresIn\":\"P1D\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertEquals(403, noCsrf.statusCode());
        assertTrue(noCsrf.body().contains("csrf_token_required"), noCsrf.body());
    }

    @Test
    void revokingTheTokenEndsItsConsoleSession() throws Exception {
        Api.Answer issued = api.admin("POST", "/admin/tenants/" + tenantA + "/tokens",
                "{\"name\":\"short\",\"role\":\"auditor\",\"scopes\":[\"audit:read\"],\"expiresIn\":\"P1D\"}");
        String token = issued.object().getString("token");
        HttpResponse<String> in = HTTP.send(HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/console/login"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"token\":\"" + token + "\"}")).build(), HttpResponse.BodyHandlers.ofString());
        String cookie = in.headers().allValues("Set-Cookie").stream().filter(c -> c.startsWith("novix_session=")).findFirst().orElseThrow();
        cookie = cookie.substring(0, cookie.indexOf(';'));
        HttpRequest audit = HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/admin/tenants/" + tenantA + "/audit?limit=1"))
                .header("Cookie", cookie).build();
        assertEquals(200, HTTP.send(audit, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(200, api.admin("DELETE", "/admin/tenants/" + tenantA + "/tokens/" + issued.object().getString("id"), null).status());
        // revocation invalidates this instance's token cache at once (other instances: within novix.token.cache-ttl)
        assertEquals(401, HTTP.send(audit, HttpResponse.BodyHandlers.ofString()).statusCode(), "the session ends with its token");
    }

    private static void assertNoSeriousViolations(ConsoleBrowser b, String page) throws Exception {
        List<String> violations = b.seriousViolations();
        assertTrue(violations.isEmpty(), page + ": " + String.join("; ", violations));
    }
}
