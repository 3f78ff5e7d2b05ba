package it.novix;

import io.novix.launcher.NovixStack;
import jakarta.json.Json;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.support.ui.ExpectedConditions;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A person signs in to the console through their tenant's IdP (a real Keycloak), in Chromium: the
 * console's SSO form, Keycloak's own login page, back through Liberty's SAML service provider onto
 * the console with the roles their groups map to, then changes a group mapping with the session's CSRF cookie.
 */
class ConsoleSsoIT {

    private static KeycloakServer kc;
    private static NovixStack stack;
    private static Api api;
    private static String tenant;
    private static String slug;

    @BeforeAll
    static void start() throws Exception {
        kc = KeycloakServer.startInTestHome();
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
        slug = Identities.slug("console-sso");
        tenant = api.tenant(slug, "ENTERPRISE");
        String realm = "realm-" + slug;
        kc.realm(realm);
        Api.Answer registered = api.admin("PUT", "/admin/tenants/" + tenant + "/idp", Json.createObjectBuilder()
                .add("metadataXml", kc.metadata(realm)).add("groupAttribute", "groups").build().toString());
        assertEquals(200, registered.status(), registered.body());
        kc.samlClient(realm, registered.object().getString("spEntityId"), registered.object().getString("acsUrl"));
        assertEquals(200, api.admin("PUT", "/admin/tenants/" + tenant + "/group-mappings",
                "{\"groups\":{\"novix-admins\":[\"tenant-admin\"]}}").status());
        kc.user(realm, "erika", "erika-pw-1", "novix-admins");
        ServiceProviderWait.until(registered.object().getString("spMetadataUrl"));
    }

    @AfterAll
    static void stop() {
        if (kc != null) {
            kc.close();
        }
    }

    @Test
    void aPersonSignsInThroughTheirIdpAndAdministersTheirTenant() throws Exception {
        try (ConsoleBrowser b = new ConsoleBrowser(stack.baseUrl())) {
            b.open("/console/login");
            b.type(By.id("slug"), slug);
            b.driver.findElement(By.cssSelector("#sso-form button[type=submit]")).click();
            // Keycloak's own login page
            b.type(By.id("username"), "erika");
            b.type(By.id("password"), "erika-pw-1");
            b.driver.findElement(By.id("kc-login")).click();
            b.waitForPage("Overview");
            String who = b.driver.findElement(By.id("whoami")).getText();
            assertTrue(who.contains("erika@") && who.contains("tenant-admin") && who.contains(slug), who);
            String session = b.fetch("GET", "/sso/session");
            assertTrue(session.startsWith("200 ") && session.contains("\"kind\":\"saml\"") && session.contains("\"tenantId\":\"" + tenant + "\""),
                    session);

            // a change through the SAML session, carrying its CSRF token from the console's cookie
            b.go("people", "People");
            b.driver.findElement(By.xpath("//button[text()='Add a group']")).click();
            List<org.openqa.selenium.WebElement> groups = b.driver.findElements(By.cssSelector("input[aria-label='IdP group']"));
            groups.get(groups.size() - 1).sendKeys("novix-auditors");
            List<org.openqa.selenium.WebElement> auditor = b.driver.findElements(By.cssSelector("input[aria-label='auditor for this group']"));
            auditor.get(auditor.size() - 1).click();
            b.driver.findElement(By.xpath("//button[text()='Save mappings']")).click();
            b.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("status"), "Group mappings saved"));
            b.width(1280, 1500); // this tenant has its IdP registered: the screenshot shows the values to copy too
            b.script("window.scrollTo(0, 0);");
            b.screenshot("people");
            String mappings = api.admin("GET", "/admin/tenants/" + tenant + "/group-mappings", null).body();
            assertTrue(mappings.contains("\"novix-auditors\":[\"auditor\"]") && mappings.contains("\"novix-admins\":[\"tenant-admin\"]"), mappings);
            assertEquals(1, Db.query(stack, "SELECT 1 FROM audit_record WHERE tenant_id = ?::uuid AND action = 'admin.group-mapping.set' "
                    + "AND outcome = 'SUCCESS' AND principal LIKE 'user:erika@%'", tenant).size(), "audited as the person");
        }
    }
}
