package it.novix;

import io.novix.launcher.NovixStack;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official {@code @huggingface/inference} client (Node.js, pinned in src/test/js/package.json)
 * pointed at Novix as its endpoint: its {@code textGeneration} posts to {@code /v1/completions}
 * (which Novix did not serve before), its {@code chatCompletion} to {@code /v1/chat/completions}.
 * Node and npm are required: a machine without them fails this test rather than skipping it.
 */
class HfJsClientIT {

    private static final String MODEL = "HuggingFaceH4/zephyr-7b-beta";
    private static NovixStack stack;
    private static String tenant;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        Api api = new Api(stack.baseUrl(), stack.adminToken());
        tenant = api.tenant("hfjs-" + UUID.randomUUID().toString().substring(0, 8), "ENTERPRISE");
        token = api.token(tenant).getString("token");
    }

    @Test
    void theOfficialClientGeneratesTextAndChatsThroughNovix() throws Exception {
        Path dir = install();
        Process node = new ProcessBuilder("node", "hf-client.mjs", stack.baseUrl(), token, MODEL)
                .directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(2, TimeUnit.MINUTES), "the client did not finish");
        assertEquals(0, node.exitValue(), out);
        List<JsonObject> lines = out.lines().filter(l -> l.startsWith("{"))
                .map(l -> Json.createReader(new StringReader(l)).readObject()).toList();
        assertEquals(2, lines.size(), out);
        assertEquals("textGeneration", lines.get(0).getString("call"));
        assertTrue(lines.get(0).getString("generated_text").contains("Once upon a time"), out);
        assertEquals("chatCompletion", lines.get(1).getString("call"));
        assertTrue(lines.get(1).getString("content").contains("Say hello"), out);

        List<Map<String, Object>> rows = Db.query(stack,
                "SELECT action, outcome, tokens_out FROM audit_record WHERE tenant_id = ?::uuid AND action LIKE 'inference.%' "
                + "AND phase IS DISTINCT FROM 'ADMISSION' ORDER BY id", tenant);
        assertEquals(List.of("inference.completions", "inference.chat"), rows.stream().map(r -> r.get("action")).toList());
        rows.forEach(r -> assertEquals("SUCCESS", r.get("outcome")));
    }

    /** The pinned client, installed once into target/. */
    private static Path install() throws IOException, InterruptedException {
        return Npm.install(Path.of("src/test/js"), Path.of("target/hf-js"), List.of("package.json", "hf-client.mjs"),
                "node_modules/@huggingface/inference");
    }
}
