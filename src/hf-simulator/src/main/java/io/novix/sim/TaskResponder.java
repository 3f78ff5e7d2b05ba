package io.novix.sim;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Random;

/**
 * The task API ({@code POST /models/{model}} with {@code {"inputs","parameters","options"}} or
 * raw bytes) and TEI's {@code /embed}. A model's task is guessed from its id the way a reader
 * would (whisper → speech recognition, stable-diffusion → text-to-image, ...), or given by a
 * {@code /pipeline/{task}} path.
 */
final class TaskResponder {

    static final int DIMENSIONS = 384;
    private static final int MAX_BATCH = 32;
    private static final int MAX_INPUT_TOKENS = 512;

    private TaskResponder() {
    }

    static String taskOf(String model, String path) {
        int pipeline = path.indexOf("/pipeline/");
        if (pipeline >= 0) {
            return path.substring(pipeline + "/pipeline/".length());
        }
        String m = model.toLowerCase(Locale.ROOT);
        if (m.contains("whisper") || m.contains("wav2vec")) {
            return "automatic-speech-recognition";
        }
        if (m.contains("stable-diffusion") || m.contains("flux") || m.contains("sdxl")) {
            return "text-to-image";
        }
        if (m.contains("blip") || m.contains("vit-gpt2") || m.contains("caption")) {
            return "image-to-text";
        }
        if (m.contains("bge") || m.contains("minilm") || m.contains("e5-") || m.contains("embed") || m.contains("gte-")) {
            return "feature-extraction";
        }
        return "text-generation";
    }

    /** Answers one task call; {@code contentType} tells JSON from raw bytes. */
    static void answer(HttpExchange ex, String task, String contentType, byte[] body, Fault fault,
                       ChatStreamer.Pacing pacing) throws IOException {
        boolean json = contentType == null || contentType.startsWith("application/json");
        JsonObject request = json ? parse(body) : null;
        if (json && request == null) {
            Wire.send(ex, 400, Wire.error("Failed to deserialize the JSON body into the target type"));
            return;
        }
        switch (task) {
            case "text-generation" -> {
                String invalid = Generation.invalid(request == null ? JsonValue.EMPTY_JSON_OBJECT : request);
                if (request != null && request.get("stream") == JsonValue.TRUE) {
                    Generation.stream(ex, request, fault, pacing);
                } else if (invalid != null) {
                    Wire.send(ex, 422, Wire.tgiError(invalid, "validation"));
                } else {
                    Generation.answer(ex, request, false);
                }
            }
            case "feature-extraction" -> embed(ex, request);
            case "text-to-image" -> image(ex, request);
            case "automatic-speech-recognition" -> transcribe(ex, json ? base64(request) : body);
            case "image-to-text" -> caption(ex, json ? base64(request) : body);
            default -> Wire.send(ex, 400, Wire.error("Task " + task + " is not supported by this model"));
        }
    }

    /** TEI {@code /embed} and feature-extraction: {@code inputs} string or list, {@code normalize}, {@code truncate}. */
    static void embed(HttpExchange ex, JsonObject request) throws IOException {
        List<String> inputs = new ArrayList<>();
        JsonValue raw = request == null ? null : request.get("inputs");
        if (raw instanceof JsonString s) {
            inputs.add(s.getString());
        } else if (raw instanceof JsonArray a && !a.isEmpty() && a.stream().allMatch(v -> v instanceof JsonString)) {
            a.forEach(v -> inputs.add(((JsonString) v).getString()));
        } else {
            Wire.send(ex, 422, Wire.tgiError("Input validation error: `inputs` must be a string or a non-empty list of strings", "validation"));
            return;
        }
        if (inputs.size() > MAX_BATCH) {
            Wire.send(ex, 413, Wire.tgiError("batch size " + inputs.size() + " > maximum allowed batch size " + MAX_BATCH, "validation"));
            return;
        }
        boolean truncate = request.getBoolean("truncate", false);
        boolean normalize = request.getBoolean("normalize", true);
        long tokens = 0;
        JsonArrayBuilder vectors = Json.createArrayBuilder();
        for (String input : inputs) {
            int count = TextTokens.count(input) + 2; // [CLS] and [SEP]
            if (count > MAX_INPUT_TOKENS && !truncate) {
                Wire.send(ex, 422, Wire.tgiError("Input validation error: `inputs` must have less than "
                        + MAX_INPUT_TOKENS + " tokens. Given: " + count, "validation"));
                return;
            }
            tokens += Math.min(count, MAX_INPUT_TOKENS);
            vectors.add(vector(input, normalize));
        }
        ex.getResponseHeaders().set("x-compute-tokens", String.valueOf(tokens));
        ex.getResponseHeaders().set("x-compute-characters", String.valueOf(inputs.stream().mapToInt(String::length).sum()));
        Wire.send(ex, 200, vectors.build());
    }

    /** A deterministic vector per text: the same text always embeds the same way. */
    static JsonArrayBuilder vector(String text, boolean normalize) {
        Random random = new Random(text.hashCode());
        double[] v = new double[DIMENSIONS];
        double norm = 0;
        for (int i = 0; i < v.length; i++) {
            v[i] = random.nextGaussian();
            norm += v[i] * v[i];
        }
        double scale = normalize ? 1 / Math.sqrt(norm) : 1;
        JsonArrayBuilder out = Json.createArrayBuilder();
        for (double x : v) {
            out.add((float) (x * scale));
        }
        return out;
    }

    private static void image(HttpExchange ex, JsonObject request) throws IOException {
        if (request == null || !(request.get("inputs") instanceof JsonString prompt) || prompt.getString().isBlank()) {
            Wire.send(ex, 400, Wire.error("`inputs` must be a non-empty prompt"));
            return;
        }
        JsonObject p = Generation.parameters(request);
        int width = p.getInt("width", 1024);
        int height = p.getInt("height", 1024);
        if (width % 8 != 0 || height % 8 != 0 || width < 64 || height < 64 || width > 2048 || height > 2048) {
            Wire.send(ex, 422, Wire.error("`height` and `width` have to be divisible by 8 and between 64 and 2048 but are "
                    + height + " and " + width + "."));
            return;
        }
        ex.getResponseHeaders().set("Content-Type", "image/png");
        Wire.raw(ex, 200, Media.png(prompt.getString(), width, height));
    }

    private static void transcribe(HttpExchange ex, byte[] audio) throws IOException {
        double seconds = audio == null ? -1 : Media.audioSeconds(audio);
        if (seconds < 0) {
            Wire.send(ex, 400, Wire.error("Malformed soundfile"));
            return;
        }
        String first = " Simulated transcript of a recording";
        String second = String.format(Locale.ROOT, " lasting %.1f seconds.", seconds);
        double mid = Math.round(seconds / 2 * 100) / 100.0;
        Wire.send(ex, 200, Json.createObjectBuilder().add("text", first + second)
                .add("chunks", Json.createArrayBuilder()
                        .add(Json.createObjectBuilder().add("text", first).add("timestamp", Json.createArrayBuilder().add(0.0).add(mid)))
                        .add(Json.createObjectBuilder().add("text", second)
                                .add("timestamp", Json.createArrayBuilder().add(mid).add(Math.round(seconds * 100) / 100.0))))
                .build());
    }

    private static void caption(HttpExchange ex, byte[] image) throws IOException {
        int[] size = image == null ? null : Media.imageSize(image);
        if (size == null) {
            Wire.send(ex, 400, Wire.error("cannot identify image file"));
            return;
        }
        Wire.send(ex, 200, Json.createArrayBuilder().add(Json.createObjectBuilder()
                .add("generated_text", "a simulated caption of a " + size[0] + "x" + size[1] + " picture")).build());
    }

    private static byte[] base64(JsonObject request) {
        if (request.get("inputs") instanceof JsonString s) {
            try {
                return Base64.getDecoder().decode(s.getString());
            } catch (IllegalArgumentException e) {
                return null;
            }
        }
        return null;
    }

    static JsonObject parse(byte[] body) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(body))) {
            JsonValue v = reader.readValue();
            return v instanceof JsonObject o ? o : null;
        } catch (RuntimeException e) { // Parsson throws a bare RuntimeException for deep nesting
            return null;
        }
    }
}
