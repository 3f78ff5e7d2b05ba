package io.novix.core.inference.entity;

import io.novix.core.routing.entity.ModelId;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

/** Checks shared by the OpenAI-format requests (chat, completions): booleans and numeric ranges, 400 naming the field. */
final class OpenAiFields {

    private OpenAiFields() {
    }

    /** A model named by the caller, refused unless it is a Hugging Face model id (no URL is built from anything else). */
    static String checkedModel(String model) {
        if (!ModelId.valid(model)) {
            throw new InvalidRequest(ErrorCode.INVALID_MODEL, "'model' must be a Hugging Face model id like 'org/model' "
                    + "(optionally ':provider')", "model");
        }
        return model;
    }

    /** The request's model, or {@code fallback} (HF_TEXT_MODEL) when it names none. */
    static String model(JsonObject json, String fallback) {
        if (!json.containsKey("model")) {
            return fallback;
        }
        if (!(json.get("model") instanceof JsonString s)) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'model' must be a string", "model");
        }
        return checkedModel(s.getString());
    }

    /** Whether a streaming caller asked for the final usage chunk ({@code stream_options.include_usage}). */
    static boolean includeUsage(JsonObject json, boolean streaming) {
        JsonValue options = json.get("stream_options");
        if (options == null || options == JsonValue.NULL) {
            return false;
        }
        if (!(options instanceof JsonObject o) || !streaming) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'stream_options' must be an object and needs stream=true", "stream_options");
        }
        return flag(o, "include_usage");
    }

    static boolean flag(JsonObject json, String key) {
        JsonValue v = json.get(key);
        if (v == null || v == JsonValue.NULL || v == JsonValue.FALSE) {
            return false;
        }
        if (v != JsonValue.TRUE) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + key + "' must be a boolean", key);
        }
        return true;
    }

    static void range(JsonObject json, String key, double min, double max, boolean integral) {
        JsonValue v = json.get(key);
        if (v == null || v == JsonValue.NULL) {
            return;
        }
        if (!(v instanceof JsonNumber n) || (integral && !n.isIntegral()) || n.doubleValue() < min || n.doubleValue() > max) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + key + "' must be " + (integral ? "an integer" : "a number")
                    + " between " + fmt(min) + " and " + fmt(max), key);
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
