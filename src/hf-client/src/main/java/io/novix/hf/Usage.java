package io.novix.hf;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.json.stream.JsonParser;

import java.io.ByteArrayInputStream;
import java.util.Optional;

/** Token usage as reported by the upstream's OpenAI-compatible {@code usage} object. */
public record Usage(long promptTokens, long completionTokens) {

    public static final Usage NONE = new Usage(0, 0);

    public Usage {
        if (promptTokens < 0 || completionTokens < 0) {
            throw new IllegalArgumentException("token counts cannot be negative");
        }
    }

    public long totalTokens() {
        return promptTokens + completionTokens;
    }

    /** Reads {@code usage} from a chat completion; absent or malformed usage counts as none. */
    public static Usage of(JsonObject completion) {
        JsonValue usage = completion.get("usage");
        if (usage == null || usage.getValueType() != JsonValue.ValueType.OBJECT) {
            return NONE;
        }
        return counted(usage.asJsonObject());
    }

    /**
     * The usage of a whole chat completion, read as its bytes stream past: every token is parsed and the
     * structure checked as a tree reader would, but only {@code usage} becomes objects (the choices, most of
     * the answer, are not built into a tree the gateway would throw away). Empty when the completion has no
     * {@code choices}; {@link JsonException} when it is not one well-formed JSON object.
     */
    public static Optional<Usage> ofCompletion(byte[] completion) {
        try (JsonParser json = JsonBytes.JSON.createParser(new ByteArrayInputStream(completion))) {
            if (!json.hasNext() || json.next() != JsonParser.Event.START_OBJECT) {
                throw new JsonException("a completion is a JSON object");
            }
            boolean choices = false;
            Usage usage = NONE;
            while (json.next() == JsonParser.Event.KEY_NAME) {
                String key = json.getString();
                JsonParser.Event value = json.next();
                if (key.equals("usage") && value == JsonParser.Event.START_OBJECT) {
                    usage = counted(json.getObject()); // the last one wins, as in a tree
                } else {
                    usage = key.equals("usage") ? NONE : usage;
                    choices |= key.equals("choices");
                    pass(json, value);
                }
            }
            if (json.hasNext()) {
                throw new JsonException("content after the completion's object");
            }
            return choices ? Optional.of(usage) : Optional.empty();
        }
    }

    /** Walks past one value, event by event (unlike {@code skipObject}, which does not check what it skips). */
    private static void pass(JsonParser json, JsonParser.Event value) {
        int depth = value == JsonParser.Event.START_OBJECT || value == JsonParser.Event.START_ARRAY ? 1 : 0;
        while (depth > 0) {
            switch (json.next()) {
                case START_OBJECT, START_ARRAY -> depth++;
                case END_OBJECT, END_ARRAY -> depth--;
                default -> { }
            }
        }
    }

    private static Usage counted(JsonObject usage) {
        return new Usage(count(usage, "prompt_tokens"), count(usage, "completion_tokens"));
    }

    private static long count(JsonObject usage, String key) {
        JsonValue v = usage.get(key);
        if (v instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0) {
            return n.longValue();
        }
        return 0;
    }
}
