package io.novix.core.inference.entity;

import static io.novix.hf.JsonBytes.JSON;
import io.novix.hf.Usage;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.StringReader;
import java.util.Optional;

/**
 * One event of a relayed stream, read once: an OpenAI chat chunk, a TGI token event, or an error
 * object in either shape. Events that are not JSON objects are passed on untouched and metered as nothing.
 */
public record StreamChunk(JsonObject json) {

    public static Optional<StreamChunk> parse(String data) {
        try (JsonReader reader = JSON.createReader(new StringReader(data))) {
            JsonValue v = reader.readValue();
            return v instanceof JsonObject o ? Optional.of(new StreamChunk(o)) : Optional.empty();
        } catch (RuntimeException e) { // Parsson throws a bare RuntimeException for deep nesting
            return Optional.empty();
        }
    }

    public boolean isError() {
        return json.containsKey("error");
    }

    /** TGI's {@code "error": "..."} or OpenAI's {@code "error": {"message": ...}}. */
    public String errorMessage() {
        JsonValue error = json.get("error");
        if (error instanceof JsonString s) {
            return s.getString();
        }
        return error instanceof JsonObject o ? o.getString("message", "error") : "error";
    }

    /** The usage a chat chunk reports (none for ordinary chunks). */
    public Usage usage() {
        return Usage.of(json);
    }

    /** The router's final usage chunk: no choices, only usage. */
    public boolean usageOnly() {
        return json.get("choices") instanceof JsonArray choices && choices.isEmpty();
    }

    /** A chat chunk carrying generated text (at least one token). */
    public boolean hasContent() {
        return !content().isEmpty();
    }

    /** The generated text a chat chunk carries (empty when none). */
    public String content() {
        if (!(json.get("choices") instanceof JsonArray choices) || choices.isEmpty()) {
            return "";
        }
        JsonValue delta = choices.get(0).asJsonObject().get("delta");
        return delta instanceof JsonObject d && d.get("content") instanceof JsonString c ? c.getString() : "";
    }

    /** A TGI event with a generated, non-special token. */
    public boolean isToken() {
        return json.get("token") instanceof JsonObject t && !t.getBoolean("special", false);
    }

    /** TGI's last event: the one carrying the whole generated text. */
    public boolean isFinal() {
        return json.get("generated_text") instanceof JsonString;
    }

    public Optional<Long> generatedTokens() {
        return json.get("details") instanceof JsonObject d && d.get("generated_tokens") instanceof JsonNumber n
                ? Optional.of(n.longValue()) : Optional.empty();
    }
}
