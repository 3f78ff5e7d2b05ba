package io.novix.core.inference.entity;

import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static io.novix.hf.JsonBytes.JSON;

/**
 * A streamed chat answer gathered as it passes, so the response cache can keep it like a whole one:
 * the chunks' text in order, the stream's id, model and creation time, its finish reason and usage.
 * Only a plain single-choice text answer that finished is kept; tool calls, several choices or a cut
 * stream are not ({@link #completion} is empty).
 */
public final class StreamedAnswer {

    private final StringBuilder text = new StringBuilder();
    private String id;
    private String model;
    private long created;
    private String finishReason;
    private JsonObject usage;
    private boolean plain = true;

    public void add(StreamChunk chunk) {
        JsonObject json = chunk.json();
        if (id == null && json.get("id") instanceof JsonString s) {
            id = s.getString();
            model = json.getString("model", null);
            created = json.get("created") instanceof JsonNumber n ? n.longValue() : 0;
        }
        if (json.get("usage") instanceof JsonObject u) {
            usage = u;
        }
        if (!(json.get("choices") instanceof JsonArray choices) || choices.isEmpty()) {
            return;
        }
        if (choices.size() > 1 || !(choices.get(0) instanceof JsonObject choice) || choice.getInt("index", 0) != 0) {
            plain = false;
            return;
        }
        if (choice.get("delta") instanceof JsonObject delta && (delta.containsKey("tool_calls") || delta.containsKey("function_call"))) {
            plain = false;
        }
        text.append(chunk.content());
        if (choice.get("finish_reason") instanceof JsonString f) {
            finishReason = f.getString();
        }
    }

    /** The answer as a chat completion, when it is a plain one that finished. */
    public Optional<byte[]> completion() {
        if (!plain || id == null || finishReason == null) {
            return Optional.empty();
        }
        var body = JSON.createObjectBuilder().add("id", id).add("object", "chat.completion").add("created", created)
                .add("model", model == null ? "" : model)
                .add("choices", JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("index", 0)
                        .add("message", JSON.createObjectBuilder().add("role", "assistant").add("content", text.toString()))
                        .add("finish_reason", finishReason)));
        body.add("usage", usage == null ? JsonValue.NULL : usage);
        return Optional.of(body.build().toString().getBytes(StandardCharsets.UTF_8));
    }
}
