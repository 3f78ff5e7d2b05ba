package io.novix.hf;

import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * Reads the task API's, TGI's and TEI's answers. Each reader returns empty for a body that is
 * not the documented shape, so the caller can report a malformed upstream answer.
 */
public final class TaskAnswers {

    /** text-generation: the text, TGI's generated token count when it sent details, and why it stopped. */
    public record Generated(String text, OptionalLong generatedTokens, String finishReason) {
    }

    /** automatic-speech-recognition: the text and, when asked for, timestamped chunks. */
    public record Transcript(String text, List<Chunk> chunks) {
    }

    public record Chunk(String text, double start, double end) {
    }

    private TaskAnswers() {
    }

    /** {@code [[f32]]} (one vector per input), or {@code [f32]} from models that answer one input flat. */
    public static Optional<List<float[]>> embeddings(byte[] body) {
        return value(body).flatMap(v -> {
            if (!(v instanceof JsonArray outer) || outer.isEmpty()) {
                return Optional.empty();
            }
            List<float[]> vectors = new ArrayList<>();
            if (outer.get(0) instanceof JsonNumber) {
                return vector(outer).map(List::of);
            }
            for (JsonValue row : outer) {
                Optional<float[]> vector = row instanceof JsonArray a ? vector(a) : Optional.empty();
                if (vector.isEmpty()) {
                    return Optional.empty();
                }
                vectors.add(vector.get());
            }
            return Optional.of(vectors);
        });
    }

    /** {@code [{"generated_text"}]} from the task API or {@code {"generated_text","details"}} from TGI. */
    public static Optional<Generated> generated(byte[] body) {
        return value(body).flatMap(v -> {
            JsonValue first = v instanceof JsonArray a && !a.isEmpty() ? a.get(0) : v;
            if (!(first instanceof JsonObject o) || !(o.get("generated_text") instanceof JsonString text)) {
                return Optional.empty();
            }
            JsonObject details = o.get("details") instanceof JsonObject d ? d : JsonValue.EMPTY_JSON_OBJECT;
            OptionalLong tokens = details.get("generated_tokens") instanceof JsonNumber n && n.isIntegral()
                    ? OptionalLong.of(n.longValue()) : OptionalLong.empty();
            return Optional.of(new Generated(text.getString(), tokens, details.getString("finish_reason", "stop")));
        });
    }

    /** Whisper's {@code {"text", "chunks":[{"text","timestamp":[start,end]}]}}. */
    public static Optional<Transcript> transcript(byte[] body) {
        return value(body).flatMap(v -> {
            if (!(v instanceof JsonObject o) || !(o.get("text") instanceof JsonString text)) {
                return Optional.empty();
            }
            List<Chunk> chunks = new ArrayList<>();
            if (o.get("chunks") instanceof JsonArray list) {
                for (JsonValue c : list) {
                    if (c instanceof JsonObject chunk && chunk.get("timestamp") instanceof JsonArray ts && ts.size() == 2
                            && ts.get(0) instanceof JsonNumber start) {
                        double end = ts.get(1) instanceof JsonNumber e ? e.doubleValue() : start.doubleValue();
                        chunks.add(new Chunk(chunk.getString("text", ""), start.doubleValue(), end));
                    }
                }
            }
            return Optional.of(new Transcript(text.getString(), List.copyOf(chunks)));
        });
    }

    /** image-to-text: {@code [{"generated_text"}]} (some servers answer the object alone). */
    public static Optional<String> caption(byte[] body) {
        return generated(body).map(Generated::text);
    }

    private static Optional<float[]> vector(JsonArray numbers) {
        float[] vector = new float[numbers.size()];
        for (int i = 0; i < vector.length; i++) {
            if (!(numbers.get(i) instanceof JsonNumber n)) {
                return Optional.empty();
            }
            vector[i] = (float) n.doubleValue();
        }
        return vector.length == 0 ? Optional.empty() : Optional.of(vector);
    }

    private static Optional<JsonValue> value(byte[] body) {
        if (body == null || body.length == 0) {
            return Optional.empty();
        }
        try (JsonReader reader = JsonBytes.JSON.createReader(new ByteArrayInputStream(body))) {
            return Optional.of(reader.readValue());
        } catch (RuntimeException e) { // Parsson throws a bare RuntimeException for deep nesting
            return Optional.empty();
        }
    }
}
