package it.novix;

import io.novix.launcher.NovixStack;
import io.novix.sim.HfSimulator;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.io.StringReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The Hugging Face-native face, {@code POST /models/{model}}: the task API's bodies in, the
 * upstream's answers (JSON, image bytes, TGI token events) out unchanged, metered and audited.
 */
class NativeIT {

    private static NovixStack stack;
    private static Api api;
    private static HfSimulator router;
    private static HfSimulator tgi;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
        router = stack.simulator().orElseThrow();
        tgi = HfSimulator.start(0, Optional.of(Stacks.HF_KEY), 0);
        token = api.inferenceToken("n", "ENTERPRISE");
    }

    @AfterAll
    static void stop() {
        tgi.close();
    }

    private static HttpResponse<byte[]> post(String path, String type, byte[] body) throws Exception {
        return api.post(path, token, type, body);
    }

    private static HttpResponse<byte[]> postJson(String path, String body) throws Exception {
        return post(path, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    private static String tgiModel() throws Exception {
        String model = "acme/tgi-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer reg = api.admin("POST", "/admin/model-endpoints", "{\"modelId\":\"" + model
                + "\",\"task\":\"text-generation\",\"kind\":\"SELF_HOSTED\",\"trustedPrivate\":true,\"baseUrl\":\"" + tgi.baseUrl()
                + "\",\"region\":\"eu-west-1\",\"priority\":1}");
        assertEquals(201, reg.status(), reg.body());
        return model;
    }

    @Test
    void textGenerationOnASelfHostedTgiUsesGenerateAndMetersFromItsHeaders() throws Exception {
        String model = tgiModel();
        HttpResponse<byte[]> r = postJson("/models/" + model, "{\"inputs\":\"Once upon a time\",\"parameters\":{\"max_new_tokens\":4}}");
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        JsonObject answer = Json.createReader(new StringReader(new String(r.body(), StandardCharsets.UTF_8))).readObject();
        assertEquals(4, answer.getJsonObject("details").getInt("generated_tokens"), "TGI's answer passed through");
        assertEquals("/generate", tgi.seen().get(tgi.seen().size() - 1).path());
        Map<String, Object> row = Db.audit(stack, TasksIT.requestId(r)).get(0);
        assertEquals("inference.native", row.get("action"));
        assertEquals("text-generation", row.get("task"));
        assertEquals(4, ((Number) row.get("tokens_in")).intValue(), "x-prompt-tokens");
        assertEquals(4, ((Number) row.get("tokens_out")).intValue(), "x-generated-tokens");
    }

    @Test
    void streamedTextGenerationRelaysTokenEventsAndMetersThem() throws Exception {
        String model = tgiModel();
        HttpResponse<java.io.InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.baseUrl() + "/models/" + model)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\":\"Tell me\",\"stream\":true,\"parameters\":{\"max_new_tokens\":5}}"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, r.statusCode());
        List<JsonObject> events = events(r);
        assertEquals(5, events.size());
        assertEquals("/generate_stream", tgi.seen().get(tgi.seen().size() - 1).path());
        assertTrue(events.get(4).containsKey("generated_text") && !events.get(4).isNull("generated_text"),
                "the final event (held until the audit commit) carries the text");
        Map<String, Object> row = Db.audit(stack, TasksIT.requestId(r)).get(0);
        assertEquals("SUCCESS", row.get("outcome"));
        assertEquals("completed", row.get("stream_outcome"));
        assertEquals(5, ((Number) row.get("tokens_out")).intValue());
    }

    @Test
    void aMidStreamTgiErrorReachesTheClientAndTheAudit() throws Exception {
        String model = tgiModel();
        tgi.script("{\"faults\":[{\"kind\":\"stream_error\",\"afterChunks\":2}]}");
        HttpResponse<java.io.InputStream> r = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(stack.baseUrl() + "/models/" + model)).header("Authorization", "Bearer " + token)
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"inputs\":\"Tell me a long story\",\"stream\":true}"))
                .build(), HttpResponse.BodyHandlers.ofInputStream());
        List<JsonObject> events = events(r);
        assertEquals(3, events.size());
        assertEquals("upstream_stream_error", events.get(2).getString("error_type"));
        Map<String, Object> row = Db.audit(stack, TasksIT.requestId(r)).get(0);
        assertEquals("FAILED", row.get("outcome"));
        assertEquals("upstream_error", row.get("stream_outcome"));
        assertEquals(2, ((Number) row.get("tokens_out")).intValue(), "the two tokens delivered are metered");
    }

    @Test
    void textToImageAnswersTheImageBytesUnchanged() throws Exception {
        HttpResponse<byte[]> r = postJson("/models/stabilityai/stable-diffusion-xl-base-1.0",
                "{\"inputs\":\"a red fox\",\"parameters\":{\"width\":64,\"height\":64}}");
        assertEquals(200, r.statusCode());
        assertEquals("image/png", r.headers().firstValue("Content-Type").orElseThrow());
        assertArrayEquals(new byte[] {(byte) 0x89, 'P', 'N', 'G'}, java.util.Arrays.copyOf(r.body(), 4));
        assertEquals("text-to-image", Db.audit(stack, TasksIT.requestId(r)).get(0).get("task"));
    }

    @Test
    void rawAudioAndRawImagesAreRecognisedByTheirMediaType() throws Exception {
        HttpResponse<byte[]> asr = post("/models/openai/whisper-large-v3", "audio/wav", TasksIT.wav(1.0));
        assertEquals(200, asr.statusCode(), new String(asr.body(), StandardCharsets.UTF_8));
        assertTrue(new String(asr.body(), StandardCharsets.UTF_8).contains("\"chunks\""));
        byte[] png = postJson("/models/stabilityai/stable-diffusion-xl-base-1.0",
                "{\"inputs\":\"cat\",\"parameters\":{\"width\":64,\"height\":128}}").body();
        HttpResponse<byte[]> caption = post("/hf-inference/models/Salesforce/blip-image-captioning-large", "image/png", png);
        assertEquals(200, caption.statusCode(), new String(caption.body(), StandardCharsets.UTF_8));
        JsonArray list = Json.createReader(new StringReader(new String(caption.body(), StandardCharsets.UTF_8))).readArray();
        assertEquals("a simulated caption of a 64x128 picture", list.getJsonObject(0).getString("generated_text"));
        assertEquals("image-to-text", Db.audit(stack, TasksIT.requestId(caption)).get(0).get("task"));
    }

    @Test
    void featureExtractionByPipelinePathAndUpstreamErrorsKeepTheirStatus() throws Exception {
        HttpResponse<byte[]> r = postJson("/models/sentence-transformers/all-MiniLM-L6-v2/pipeline/feature-extraction",
                "{\"inputs\":[\"a\",\"b\",\"c\"]}");
        assertEquals(200, r.statusCode());
        assertEquals(3, Json.createReader(new StringReader(new String(r.body(), StandardCharsets.UTF_8))).readArray().size());
        HttpResponse<byte[]> invalid = postJson("/models/" + tgiModel(), "{\"inputs\":\"x\",\"parameters\":{\"top_p\":1.0}}");
        assertEquals(422, invalid.statusCode(), "TGI refuses top_p=1.0; the caller sees a 422, not a 5xx");
        HttpResponse<byte[]> missing = postJson("/models/acme/does-not-exist", "{\"inputs\":\"x\"}");
        assertEquals(404, missing.statusCode());
        HttpResponse<byte[]> noInputs = postJson("/models/gpt2", "{\"prompt\":\"x\"}");
        assertEquals(400, noInputs.statusCode());
    }

    /** Reads the SSE data payloads to the end of the body. */
    static List<JsonObject> events(HttpResponse<java.io.InputStream> r) throws Exception {
        List<JsonObject> events = new ArrayList<>();
        try (BufferedReader in = new BufferedReader(new InputStreamReader(r.body(), StandardCharsets.UTF_8))) {
            String line;
            while ((line = in.readLine()) != null) {
                if (line.startsWith("data:")) {
                    events.add(Json.createReader(new StringReader(line.substring(5).trim())).readObject());
                }
            }
        }
        return events;
    }
}
