package it.novix;

import io.novix.launcher.NovixStack;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Hardening class 10: rotating the KEK. Novix restarts with a new NOVIX_DATA_KEK and the old one in
 * NOVIX_DATA_KEK_PREVIOUS; what was sealed before still opens, the re-wrap moves every data key to
 * the new KEK row by row while the gateway serves, and new changes are sealed as usual. Its own stack.
 */
class KeyRotationIT {

    private static final String KEK_A = "kek-a-" + "a".repeat(40);
    private static final String KEK_B = "kek-b-" + "b".repeat(40);

    @Test
    void aKekRotationRewrapsEveryDataKeyAndLosesNothing() throws Exception {
        Path home = Path.of(System.getProperty("novix.test.home", "target/it-home")).resolve("kek-rotation").toAbsolutePath();
        deleteTree(home); // the data keys of earlier runs are wrapped under this run's KEKs only
        String tenant;
        long entry;
        String kekA;
        Map<String, String> before = Stacks.testEnv();
        before.put("NOVIX_DATA_KEK", KEK_A);
        try (NovixStack stack = Stacks.create("kek-rotation", before)) {
            stack.start();
            Api api = new Api(stack.baseUrl(), stack.adminToken());
            tenant = api.tenant("kek-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD");
            Api.Answer set = api.admin("PUT", "/admin/tenants/" + tenant + "/redaction",
                    "{\"upstream\":true,\"customPatterns\":[{\"name\":\"ACCOUNT\",\"pattern\":\"ACC-[0-9]{8}\"}]}");
            assertEquals(200, set.status(), set.body());
            entry = ((Number) Db.audit(stack, set.requestId()).get(0).get("id")).longValue();
            kekA = api.admin("GET", "/admin/data-keys", null).object().getString("currentKekId");
        }

        Map<String, String> after = Stacks.testEnv();
        after.put("NOVIX_DATA_KEK", KEK_B);
        after.put("NOVIX_DATA_KEK_PREVIOUS", KEK_A);
        try (NovixStack stack = Stacks.create("kek-rotation", after)) {
            stack.start();
            Api api = new Api(stack.baseUrl(), stack.adminToken());
            JsonObject status = api.admin("GET", "/admin/data-keys", null).object();
            String kekB = status.getString("currentKekId");
            assertFalse(kekB.equals(kekA));
            assertTrue(status.getJsonObject("keysByKek").containsKey(kekA), "not yet re-wrapped: " + status);
            assertOpens(api, tenant, entry);

            JsonObject report = api.admin("POST", "/admin/data-keys/rewrap", null).object();
            assertTrue(report.getInt("rewrapped") >= 1, report.toString());
            assertEquals(0, report.getInt("failed"), report.toString());
            JsonObject done = api.admin("GET", "/admin/data-keys", null).object();
            assertEquals(1, done.getJsonObject("keysByKek").size(), "every key under the new KEK: " + done);
            assertTrue(done.getJsonObject("keysByKek").containsKey(kekB));
            assertEquals(0, ((Number) Db.query(stack, "SELECT count(*) AS n FROM data_key WHERE kek_id <> ?", kekB)
                    .get(0).get("n")).intValue());

            assertOpens(api, tenant, entry);
            Api.Answer again = api.admin("PUT", "/admin/tenants/" + tenant + "/redaction", "{\"upstream\":false}");
            assertEquals(200, again.status(), again.body());
            assertEquals(200, api.admin("GET", "/admin/tenants/" + tenant + "/audit/"
                    + Db.audit(stack, again.requestId()).get(0).get("id"), null).status());
        }
    }

    private static void assertOpens(Api api, String tenant, long entry) throws Exception {
        Api.Answer detail = api.admin("GET", "/admin/tenants/" + tenant + "/audit/" + entry, null);
        assertEquals(200, detail.status(), detail.body());
        assertTrue(detail.body().contains("ACC-[0-9]{8}"), detail.body());
    }

    private static void deleteTree(Path root) throws IOException {
        if (!Files.exists(root)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(root)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(p);
            }
        }
    }
}
