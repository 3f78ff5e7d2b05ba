package it.novix;

import io.novix.launcher.NovixStack;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Issue 12, data classification: a call carries its caller's X-Data-Classification or the tenant's
 * default, in its admission and outcome entries; labels the tenant does not know are refused (400);
 * a label's rule refuses models it does not name (403); auditors filter the trail by label.
 */
class ClassificationIT {

    private static final String MODEL = "HuggingFaceH4/zephyr-7b-beta";
    private static NovixStack stack;
    private static Api api;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
    }

    @Test
    void callsAreLabelledCheckedAndFoundByTheirLabel() throws Exception {
        String tenant = api.tenant("cls-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
        String token = api.token(tenant).getString("token");
        Api.Answer set = api.admin("PUT", "/admin/tenants/" + tenant + "/classification", "{\"defaultLabel\":\"confidential\","
                + "\"labels\":[\"phi\"],\"rules\":[{\"label\":\"phi\",\"models\":[\"" + MODEL + "\"],\"regions\":[\"eu-west-1\"]},"
                + "{\"label\":\"restricted\",\"models\":[\"org/on-prem-only\"]}]}");
        assertEquals(200, set.status(), set.body());
        JsonObject view = api.admin("GET", "/admin/tenants/" + tenant + "/classification", null).object();
        assertEquals("confidential", view.getString("defaultLabel"));
        assertEquals(List.of("public", "internal", "confidential", "restricted"),
                view.getJsonArray("builtIn").getValuesAs(jakarta.json.JsonString.class).stream().map(jakarta.json.JsonString::getString).toList());

        Api.Answer unlabelled = chat(token, null);
        assertEquals(200, unlabelled.status(), unlabelled.body());
        assertEquals("confidential", Db.admission(stack, unlabelled.requestId()).get(0).get("data_classification"));
        assertEquals("confidential", Db.audit(stack, unlabelled.requestId()).get(0).get("data_classification"));

        Api.Answer phi = chat(token, "PHI");
        assertEquals(200, phi.status(), phi.body());
        assertEquals("phi", Db.admission(stack, phi.requestId()).get(0).get("data_classification"));

        Api.Answer unknown = chat(token, "top-secret");
        assertEquals(400, unknown.status());
        assertEquals("invalid_data_classification", unknown.errorCode());
        Api.Answer barred = chat(token, "restricted");
        assertEquals(403, barred.status(), "the rule keeps restricted data to another model");
        assertEquals("classification_not_allowed", barred.errorCode());
        for (Api.Answer refused : List.of(unknown, barred)) {
            List<Map<String, Object>> rows = Db.audit(stack, refused.requestId());
            assertEquals(1, rows.size(), "a refused call has its single entry");
            assertEquals(refused.errorCode(), rows.get(0).get("error_code"));
            assertTrue(Db.admission(stack, refused.requestId()).isEmpty(), "and was never admitted");
        }

        JsonArray found = api.admin("GET", "/admin/tenants/" + tenant + "/audit?classification=phi", null).json().asJsonArray();
        assertEquals(1, found.size(), found.toString());
        assertEquals(phi.requestId(), found.getJsonObject(0).getString("requestId"));
        assertEquals("OUTCOME", found.getJsonObject(0).getString("phase"));

        assertEquals(400, api.admin("PUT", "/admin/tenants/" + tenant + "/classification",
                "{\"rules\":[{\"label\":\"nobody-knows\"}]}").status(), "a rule for a label the tenant does not have");
        assertEquals(400, api.admin("PUT", "/admin/tenants/" + tenant + "/classification",
                "{\"labels\":[\"${env.NOVIX_ADMIN_TOKEN}\"]}").status(), "labels are names, never configuration");
        assertEquals(400, api.admin("GET", "/admin/tenants/" + tenant + "/audit?classification=Bad%20Label", null).status());
    }

    private static Api.Answer chat(String token, String label) throws Exception {
        HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(stack.baseUrl() + "/v1/chat/completions"))
                .header("Authorization", "Bearer " + token).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(Api.chatBody("labelled")));
        if (label != null) {
            b.header("X-Data-Classification", label);
        }
        HttpResponse<String> r = HttpClient.newHttpClient().send(b.build(), HttpResponse.BodyHandlers.ofString());
        return new Api.Answer(r.statusCode(), r.body(), r);
    }
}
