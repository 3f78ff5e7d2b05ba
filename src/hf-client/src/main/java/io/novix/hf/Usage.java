package io.novix.hf;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

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
        JsonObject u = usage.asJsonObject();
        return new Usage(count(u, "prompt_tokens"), count(u, "completion_tokens"));
    }

    private static long count(JsonObject usage, String key) {
        JsonValue v = usage.get(key);
        if (v instanceof JsonNumber n && n.isIntegral() && n.longValue() >= 0) {
            return n.longValue();
        }
        return 0;
    }
}
