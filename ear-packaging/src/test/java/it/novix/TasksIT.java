package it.novix;

import io.novix.launcher.NovixStack;
import io.novix.sim.HfSimulator;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.net.http.HttpResponse;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Every task end to end through Novix against the simulator, on the OpenAI face: embeddings,
 * images, transcriptions, multimodal chat and the model list — each checked in the client's
 * answer, in what the upstream received, and in the audit row.
 */
class TasksIT {

    private static NovixStack stack;
    private static Api api;
    private static HfSimulator router;
    private static HfSimulator selfHosted;
    private static String token;

    @BeforeAll
    static void start() throws Exception {
        stack = Stacks.shared();
        api = new Api(stack.baseUrl(), stack.adminToken());
        router = stack.simulator().orElseThrow();
        selfHosted = HfSimulator.start(0, Optional.of(Stacks.HF_KEY), 0);
        token = api.inferenceToken("t", "ENTERPRISE");
    }

    @AfterAll
    static void stop() {
        selfHosted.close();
    }

    static JsonObject json(byte[] body) {
        return Json.createReader(new StringReader(new String(body, StandardCharsets.UTF_8))).readObject();
    }

    static String requestId(HttpResponse<?> r) {
        return r.headers().firstValue("X-Request-Id").orElseThrow();
    }

    private static HttpResponse<byte[]> post(String path, String body) throws Exception {
        return api.post(path, token, "application/json", body.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void embeddingsGoToTheFeatureExtractionTaskAndAreMeteredFromTheUpstreamCount() throws Exception {
        HttpResponse<byte[]> r = post("/v1/embeddings", "{\"input\":[\"the quick fox\",\"jumps\"]}");
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        JsonObject answer = json(r.body());
        JsonArray data = answer.getJsonArray("data");
        assertEquals(2, data.size());
        assertEquals(384, data.getJsonObject(1).getJsonArray("embedding").size());
        assertEquals(1, data.getJsonObject(1).getInt("index"));
        assertEquals("BAAI/bge-small-en-v1.5", answer.getString("model"));
        assertEquals(8, answer.getJsonObject("usage").getInt("prompt_tokens"), "TEI's x-compute-tokens: 3+2 and 1+2");
        HfSimulator.Seen seen = router.seen().get(router.seen().size() - 1);
        assertEquals("/hf-inference/models/BAAI/bge-small-en-v1.5/pipeline/feature-extraction", seen.path());
        Map<String, Object> row = Db.audit(stack, requestId(r)).get(0);
        assertEquals("inference.embeddings", row.get("action"));
        assertEquals("feature-extraction", row.get("task"));
        assertEquals(8, ((Number) row.get("tokens_in")).intValue());
    }

    @Test
    void base64EmbeddingsDecodeToTheSameFloats() throws Exception {
        JsonObject floats = json(post("/v1/embeddings", "{\"input\":\"same text\"}").body());
        JsonObject packed = json(post("/v1/embeddings", "{\"input\":\"same text\",\"encoding_format\":\"base64\"}").body());
        ByteBuffer b = ByteBuffer.wrap(Base64.getDecoder().decode(packed.getJsonArray("data").getJsonObject(0)
                .getString("embedding"))).order(ByteOrder.LITTLE_ENDIAN);
        JsonArray expected = floats.getJsonArray("data").getJsonObject(0).getJsonArray("embedding");
        assertEquals(384 * 4, b.remaining());
        for (int i = 0; i < 384; i++) {
            assertEquals(expected.getJsonNumber(i).doubleValue(), b.getFloat(), 1e-6);
        }
    }

    @Test
    void embeddingsOfASelfHostedModelGoToTeiEmbed() throws Exception {
        String model = "acme/embed-" + UUID.randomUUID().toString().substring(0, 8);
        Api.Answer reg = api.admin("POST", "/admin/model-endpoints", "{\"modelId\":\"" + model
                + "\",\"task\":\"feature-extraction\",\"kind\":\"SELF_HOSTED\",\"trustedPrivate\":true,\"baseUrl\":\"" + selfHosted.baseUrl()
                + "/tei\",\"region\":\"eu-west-1\",\"priority\":1}");
        assertEquals(201, reg.status(), reg.body());
        HttpResponse<byte[]> r = post("/v1/embeddings", "{\"model\":\"" + model + "\",\"input\":\"hello\"}");
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        HfSimulator.Seen seen = selfHosted.seen().get(selfHosted.seen().size() - 1);
        assertEquals("/tei/embed", seen.path());
        JsonObject sent = json(seen.body());
        assertEquals("hello", sent.getJsonArray("inputs").getString(0));
        assertTrue(sent.getBoolean("normalize"));
        assertEquals(selfHosted.baseUrl() + "/tei", Db.audit(stack, requestId(r)).get(0).get("endpoint"));
    }

    @Test
    void embeddingInputsHuggingFaceCannotTakeAreRefusedWithStableCodes() throws Exception {
        HttpResponse<byte[]> tokens = post("/v1/embeddings", "{\"input\":[[1,2,3]]}");
        assertEquals(400, tokens.statusCode());
        assertEquals("unsupported_input", json(tokens.body()).getJsonObject("error").getString("code"));
        HttpResponse<byte[]> dims = post("/v1/embeddings", "{\"input\":\"x\",\"dimensions\":64}");
        assertEquals("unsupported_parameter", json(dims.body()).getJsonObject("error").getString("code"));
        String chatOnly = api.token(api.tenant("c-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD"))
                .getString("token");
        HttpResponse<byte[]> denied = api.post("/v1/embeddings", chatOnly, "application/json",
                "{\"input\":\"x\"}".getBytes(StandardCharsets.UTF_8));
        assertEquals(403, denied.statusCode());
        assertEquals("DENIED", Db.audit(stack, requestId(denied)).get(0).get("outcome"));
    }

    @Test
    void imagesComeBackAsRealPngsOfTheAskedSizeOnePerN() throws Exception {
        long before = router.calls();
        HttpResponse<byte[]> r = post("/v1/images/generations",
                "{\"prompt\":\"a lighthouse at dawn\",\"n\":2,\"size\":\"256x512\",\"seed\":7}");
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        JsonArray data = json(r.body()).getJsonArray("data");
        assertEquals(2, data.size());
        BufferedImage image = ImageIO.read(new ByteArrayInputStream(Base64.getDecoder().decode(data.getJsonObject(0).getString("b64_json"))));
        assertEquals(256, image.getWidth());
        assertEquals(512, image.getHeight());
        assertEquals(before + 2, router.calls(), "one text-to-image call per image");
        List<HfSimulator.Seen> seen = router.seen();
        JsonObject sent = json(seen.get(seen.size() - 1).body());
        assertEquals("a lighthouse at dawn", sent.getString("inputs"));
        assertEquals(256, sent.getJsonObject("parameters").getInt("width"));
        Map<String, Object> row = Db.audit(stack, requestId(r)).get(0);
        assertEquals("text-to-image", row.get("task"));
        assertEquals("stabilityai/stable-diffusion-xl-base-1.0", row.get("target"));
    }

    @Test
    void imagesAsUrlAreDataUrlsAndBadSizesAre400() throws Exception {
        HttpResponse<byte[]> r = post("/v1/images/generations", "{\"prompt\":\"x\",\"size\":\"256x256\",\"response_format\":\"url\"}");
        assertTrue(json(r.body()).getJsonArray("data").getJsonObject(0).getString("url").startsWith("data:image/png;base64,iVBOR"));
        HttpResponse<byte[]> bad = post("/v1/images/generations", "{\"prompt\":\"x\",\"size\":\"255x256\"}");
        assertEquals(400, bad.statusCode());
        assertEquals("size", json(bad.body()).getJsonObject("error").getString("param"));
    }

    @Test
    void transcriptionsSendRawAudioAndAnswerJson() throws Exception {
        HttpResponse<byte[]> r = transcribe(wav(2.0), "audio/wav", "json", "whisper-1");
        assertEquals(200, r.statusCode(), new String(r.body(), StandardCharsets.UTF_8));
        assertTrue(json(r.body()).getString("text").contains("2.0 seconds"));
        HfSimulator.Seen seen = router.seen().get(router.seen().size() - 1);
        assertEquals("/hf-inference/models/openai/whisper-large-v3", seen.path(), "whisper-1 means the configured ASR model");
        assertEquals("audio/wav", seen.contentType());
        assertEquals(wav(2.0).length, seen.body().length, "the audio bytes themselves, not a re-encoding");
        Map<String, Object> row = Db.audit(stack, requestId(r)).get(0);
        assertEquals("automatic-speech-recognition", row.get("task"));
        assertTrue(((Number) row.get("tokens_out")).intValue() > 0);
        assertEquals(0, new java.math.BigDecimal("0.0002").compareTo((java.math.BigDecimal) row.get("cost_usd")),
                "two seconds of audio at the seeded $0.0001 a second, read from the WAV header: " + row.get("cost_usd"));
    }

    @Test
    void transcriptionFormatsWithTimingsUseWhisperTimestamps() throws Exception {
        JsonObject verbose = json(transcribe(wav(3.0), "audio/wav", "verbose_json", null).body());
        assertEquals(2, verbose.getJsonArray("segments").size());
        assertEquals(3.0, verbose.getJsonNumber("duration").doubleValue(), 1e-9);
        JsonObject sent = json(router.seen().get(router.seen().size() - 1).body());
        assertTrue(sent.getJsonObject("parameters").getBoolean("return_timestamps"));
        String srt = new String(transcribe(wav(3.0), "audio/wav", "srt", null).body(), StandardCharsets.UTF_8);
        assertTrue(srt.startsWith("1\n00:00:00,000 --> 00:00:01,500\n"), srt);
        HttpResponse<byte[]> text = transcribe(wav(1.0), "audio/wav", "text", null);
        assertTrue(text.headers().firstValue("Content-Type").orElseThrow().startsWith("text/plain"));
    }

    @Test
    void uploadsThatAreNotAudioAreRefusedBeforeTheUpstream() throws Exception {
        long before = router.calls();
        HttpResponse<byte[]> notAudio = transcribe("hello".getBytes(StandardCharsets.UTF_8), "text/plain", "json", null);
        assertEquals(415, notAudio.statusCode());
        assertEquals("unsupported_media_type", json(notAudio.body()).getJsonObject("error").getString("code"));
        HttpResponse<byte[]> noFile = api.post("/v1/audio/transcriptions", token, "multipart/form-data; boundary=XyZ",
                "--XyZ\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\nwhisper-1\r\n--XyZ--\r\n".getBytes(StandardCharsets.UTF_8));
        assertEquals(400, noFile.statusCode());
        assertEquals("missing_field", json(noFile.body()).getJsonObject("error").getString("code"));
        HttpResponse<byte[]> broken = api.post("/v1/audio/transcriptions", token, "multipart/form-data; boundary=XyZ",
                "garbage".getBytes(StandardCharsets.UTF_8));
        assertEquals("invalid_multipart", json(broken.body()).getJsonObject("error").getString("code"));
        assertEquals(before, router.calls());
    }

    @Test
    void multimodalChatPassesImagePartsToTheModel() throws Exception {
        Api.Answer a = api.chat(token, "{\"model\":\"Qwen/Qwen2.5-VL-7B-Instruct\",\"messages\":[{\"role\":\"user\",\"content\":["
                + "{\"type\":\"text\",\"text\":\"What is in this picture?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,iVBORw0KGgo=\"}}]}]}");
        assertEquals(200, a.status(), a.body());
        assertTrue(a.object().getJsonArray("choices").getJsonObject(0).getJsonObject("message").getString("content")
                .endsWith("What is in this picture? [1 image]"));
    }

    @Test
    void theModelListShowsWhatTheTokensScopesAllow() throws Exception {
        Api.Answer all = api.send("GET", "/v1/models", token, null);
        assertEquals(200, all.status(), all.body());
        List<String> ids = all.object().getJsonArray("data").stream().map(v -> v.asJsonObject().getString("id")).toList();
        assertTrue(ids.containsAll(List.of("HuggingFaceH4/zephyr-7b-beta", "stabilityai/stable-diffusion-xl-base-1.0",
                "openai/whisper-large-v3", "BAAI/bge-small-en-v1.5")), ids.toString());
        String chatOnly = api.token(api.tenant("m-" + UUID.randomUUID().toString().substring(0, 8), "STANDARD")).getString("token");
        List<String> chatIds = api.send("GET", "/v1/models", chatOnly, null).object().getJsonArray("data").stream()
                .map(v -> v.asJsonObject().getString("id")).toList();
        assertTrue(chatIds.contains("HuggingFaceH4/zephyr-7b-beta"));
        assertTrue(!chatIds.contains("openai/whisper-large-v3"), "no audio scope, no audio model");
        assertEquals(401, api.send("GET", "/v1/models", null, null).status());
    }

    static HttpResponse<byte[]> transcribe(byte[] audio, String type, String format, String model) throws Exception {
        String boundary = "novix" + UUID.randomUUID();
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        body.write(("--" + boundary + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"clip."
                + (type.equals("audio/wav") ? "wav" : "txt") + "\"\r\nContent-Type: " + type + "\r\n\r\n").getBytes(StandardCharsets.UTF_8));
        body.write(audio);
        body.write(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"response_format\"\r\n\r\n" + format).getBytes(StandardCharsets.UTF_8));
        if (model != null) {
            body.write(("\r\n--" + boundary + "\r\nContent-Disposition: form-data; name=\"model\"\r\n\r\n" + model).getBytes(StandardCharsets.UTF_8));
        }
        body.write(("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.UTF_8));
        return api.post("/v1/audio/transcriptions", token, "multipart/form-data; boundary=" + boundary, body.toByteArray());
    }

    /** A silent 16 kHz mono 16-bit WAV of the given length. */
    static byte[] wav(double seconds) {
        int data = (int) (seconds * 32_000);
        ByteBuffer b = ByteBuffer.allocate(44 + data).order(ByteOrder.LITTLE_ENDIAN);
        b.put("RIFF".getBytes(StandardCharsets.US_ASCII)).putInt(36 + data).put("WAVE".getBytes(StandardCharsets.US_ASCII));
        b.put("fmt ".getBytes(StandardCharsets.US_ASCII)).putInt(16).putShort((short) 1).putShort((short) 1)
                .putInt(16_000).putInt(32_000).putShort((short) 2).putShort((short) 16);
        b.put("data".getBytes(StandardCharsets.US_ASCII)).putInt(data);
        return b.array();
    }
}
