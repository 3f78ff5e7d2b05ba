package io.novix.core.inference.entity;

import io.novix.core.privacy.entity.Redactor;
import io.novix.core.routing.entity.ModelId;
import io.novix.core.routing.entity.Task;

import io.novix.core.kernel.ErrorCode;
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

/**
 * A Hugging Face task-API call as {@code @huggingface/inference} sends it: {@code POST
 * /models/{model}[/pipeline/{task}]} with {@code {"inputs","parameters","options"}} or raw audio /
 * image bytes. The task comes from the path, else from the model's registered endpoints, else
 * from the body (audio → speech recognition, image → image-to-text, JSON → text-generation).
 */
public record NativeRequest(String model, Task task, boolean taskKnown, String contentType, byte[] body,
                            Optional<JsonObject> json, boolean streaming) {

    private static final Set<String> FIELDS = Set.of("inputs", "parameters", "options", "stream", "normalize",
            "truncate", "prompt_name", "truncation_direction");

    /** {@code registeredTask}: what the model's endpoints were registered for, if anyone registered it. */
    public static NativeRequest parse(String path, String contentType, byte[] body, Optional<Task> registeredTask) {
        String model = path;
        Optional<Task> pipelineTask = Optional.empty();
        int pipeline = path.indexOf("/pipeline/");
        if (pipeline >= 0) {
            model = path.substring(0, pipeline);
            String named = path.substring(pipeline + "/pipeline/".length());
            pipelineTask = Optional.of(Task.named(named).orElseThrow(() -> new InvalidRequest(ErrorCode.UNSUPPORTED_TASK,
                    "task '" + named + "' is not one of " + Task.names(), "task")));
        }
        if (!ModelId.valid(model)) {
            throw new InvalidRequest(ErrorCode.INVALID_MODEL, "the model is not a Hugging Face model id like 'org/model'", "model");
        }
        if (body == null || body.length == 0) {
            throw new InvalidRequest(ErrorCode.MISSING_FIELD, "the body is empty: send {\"inputs\": ...} or raw audio / image bytes", "inputs");
        }
        String type = contentType == null ? "application/octet-stream"
                : contentType.split(";")[0].trim().toLowerCase(Locale.ROOT);
        Optional<Task> known = pipelineTask.or(() -> registeredTask);
        if (type.equals("application/json") || type.endsWith("+json")) {
            JsonObject json = object(body);
            boolean streaming = json.get("stream") == JsonValue.TRUE;
            Task task = known.orElse(Task.TEXT_GENERATION);
            if (streaming && task != Task.TEXT_GENERATION) {
                throw new InvalidRequest(ErrorCode.UNSUPPORTED_PARAMETER, "only text-generation can stream", "stream");
            }
            if (streaming && !(json.get("inputs") instanceof JsonString)) {
                throw new InvalidRequest(ErrorCode.INVALID_FIELD, "text-generation needs 'inputs' to be a string", "inputs");
            }
            return new NativeRequest(model, task == Task.CHAT_COMPLETION ? Task.TEXT_GENERATION : task, known.isPresent(),
                    "application/json", body, Optional.of(json), streaming);
        }
        Task task = known.orElseGet(() -> type.startsWith("audio/") || type.startsWith("video/")
                ? Task.AUTOMATIC_SPEECH_RECOGNITION : type.startsWith("image/") ? Task.IMAGE_TO_TEXT : null);
        if (task == null) {
            throw new InvalidRequest(ErrorCode.UNSUPPORTED_MEDIA_TYPE, "send JSON, audio/* or image/* (or register the model's task)", null);
        }
        return new NativeRequest(model, task, known.isPresent(), type, body, Optional.empty(), false);
    }

    private static JsonObject object(byte[] body) {
        JsonValue value;
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(body))) {
            value = reader.readValue();
        } catch (RuntimeException e) { // Parsson throws a bare RuntimeException for deep nesting
            throw new InvalidRequest(ErrorCode.INVALID_JSON, "request body is not valid JSON", null);
        }
        if (!(value instanceof JsonObject json)) {
            throw new InvalidRequest(ErrorCode.INVALID_JSON, "request body must be a JSON object", null);
        }
        if (!json.containsKey("inputs")) {
            throw new InvalidRequest(ErrorCode.MISSING_FIELD, "'inputs' is required", "inputs");
        }
        for (String key : json.keySet()) {
            if (!FIELDS.contains(key)) {
                throw new InvalidRequest(ErrorCode.UNKNOWN_FIELD, "unknown field '" + key + "'", key);
            }
        }
        return json;
    }

    /** The text the caller sent, for estimates (empty for bytes or non-text inputs). */
    public String inputText() {
        return json.map(j -> j.get("inputs") instanceof JsonString s ? s.getString()
                : j.get("inputs") instanceof jakarta.json.JsonArray a ? a.toString() : "").orElse("");
    }

    /** A JSON request with personal data removed from its inputs; raw audio or image bytes cannot be, and are kept. */
    public NativeRequest redacted(Redactor redactor) {
        if (json.isEmpty()) {
            return this;
        }
        JsonObject clean = redactor.json(json.get());
        return new NativeRequest(model, task, taskKnown, contentType,
                clean.toString().getBytes(java.nio.charset.StandardCharsets.UTF_8), Optional.of(clean), streaming);
    }
}
