package io.novix.core.inference.entity;

import static io.novix.hf.JsonBytes.JSON;
import io.novix.core.kernel.InvalidRequest;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A Hugging Face task-API call as {@code @huggingface/inference} sends it: {@code POST
 * /models/{model}[/pipeline/{task}]} with {@code {"inputs","parameters","options"}} or raw audio /
 * image bytes. The task comes from the path, else from the model's registered endpoints, else
 * from the body (audio → speech recognition, image → image-to-text, JSON → text-generation).
 */
public record NativeRequest(String model, String task, boolean taskKnown, String contentType, byte[] body,
                            Optional<JsonObject> json, boolean streaming) {

    public static final Set<String> TASKS = Set.of("text-generation", "feature-extraction", "text-to-image",
            "automatic-speech-recognition", "image-to-text", "chat-completion");
    private static final Set<String> FIELDS = Set.of("inputs", "parameters", "options", "stream", "normalize",
            "truncate", "prompt_name", "truncation_direction");
    private static final Pattern MODEL = Pattern.compile("^[A-Za-z0-9][\\w.-]*(/[\\w.-]+)?(:[\\w.-]+)?$");

    /** {@code registeredTask}: what the model's endpoints were registered for, if anyone registered it. */
    public static NativeRequest parse(String path, String contentType, byte[] body, Optional<String> registeredTask) {
        String model = path;
        Optional<String> pipelineTask = Optional.empty();
        int pipeline = path.indexOf("/pipeline/");
        if (pipeline >= 0) {
            model = path.substring(0, pipeline);
            pipelineTask = Optional.of(path.substring(pipeline + "/pipeline/".length()));
            if (!TASKS.contains(pipelineTask.get())) {
                throw new InvalidRequest("unsupported_task", "task '" + pipelineTask.get() + "' is not one of " + TASKS, "task");
            }
        }
        if (!MODEL.matcher(model).matches() || model.length() > 200) {
            throw new InvalidRequest("invalid_model", "'" + model + "' is not a Hugging Face model id like 'org/model'", "model");
        }
        if (body == null || body.length == 0) {
            throw new InvalidRequest("missing_field", "the body is empty: send {\"inputs\": ...} or raw audio / image bytes", "inputs");
        }
        String type = contentType == null ? "application/octet-stream"
                : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        Optional<String> known = pipelineTask.or(() -> registeredTask);
        if (type.equals("application/json") || type.endsWith("+json")) {
            JsonObject json = object(body);
            boolean streaming = json.get("stream") == JsonValue.TRUE;
            String task = known.orElse("text-generation");
            if (streaming && !"text-generation".equals(task)) {
                throw new InvalidRequest("unsupported_parameter", "only text-generation can stream", "stream");
            }
            if (streaming && !(json.get("inputs") instanceof JsonString)) {
                throw new InvalidRequest("invalid_field", "text-generation needs 'inputs' to be a string", "inputs");
            }
            return new NativeRequest(model, "chat-completion".equals(task) ? "text-generation" : task, known.isPresent(),
                    "application/json", body, Optional.of(json), streaming);
        }
        String task = known.orElseGet(() -> type.startsWith("audio/") || type.startsWith("video/")
                ? "automatic-speech-recognition" : type.startsWith("image/") ? "image-to-text" : null);
        if (task == null) {
            throw new InvalidRequest("unsupported_media_type", "send JSON, audio/* or image/* (or register the model's task)", null);
        }
        return new NativeRequest(model, task, known.isPresent(), type, body, Optional.empty(), false);
    }

    private static JsonObject object(byte[] body) {
        JsonValue value;
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(body))) {
            value = reader.readValue();
        } catch (JsonException | IllegalStateException e) {
            throw new InvalidRequest("invalid_json", "request body is not valid JSON", null);
        }
        if (!(value instanceof JsonObject json)) {
            throw new InvalidRequest("invalid_json", "request body must be a JSON object", null);
        }
        if (!json.containsKey("inputs")) {
            throw new InvalidRequest("missing_field", "'inputs' is required", "inputs");
        }
        for (String key : json.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new InvalidRequest("unknown_field", "unknown field '" + key + "'", key);
            }
        }
        return json;
    }

    /** The text the caller sent, for estimates (empty for bytes or non-text inputs). */
    public String inputText() {
        return json.map(j -> j.get("inputs") instanceof JsonString s ? s.getString()
                : j.get("inputs") instanceof jakarta.json.JsonArray a ? a.toString() : "").orElse("");
    }
}
