package io.novix.hf;

import jakarta.json.JsonException;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Classifies an upstream error answer. Understands the three shapes Hugging Face sends:
 * the Inference API's {@code {"error": "...", "estimated_time": 20.0}}, TGI/TEI's
 * {@code {"error": "...", "error_type": "..."}} and the router's OpenAI-style
 * {@code {"error": {"message": "...", "type": "..."}}}.
 */
public final class ErrorBodies {

    private ErrorBodies() {
    }

    public static HfFailure classify(int status, byte[] body, Optional<String> retryAfterHeader) {
        JsonObject json = parse(body);
        String message = message(json).orElse("upstream answered HTTP " + status);
        OptionalDouble estimated = estimatedTime(json);
        Optional<Duration> retryAfter = retryAfterHeader.flatMap(ErrorBodies::retryAfter);
        HfFailure.Kind kind = switch (status) {
            case 400 -> HfFailure.Kind.BAD_REQUEST;
            case 401, 403 -> HfFailure.Kind.AUTH;
            case 404 -> HfFailure.Kind.NOT_FOUND;
            case 413 -> HfFailure.Kind.PAYLOAD_TOO_LARGE;
            case 422 -> HfFailure.Kind.VALIDATION;
            case 424 -> HfFailure.Kind.GENERATION;
            case 429 -> HfFailure.Kind.RATE_LIMITED;
            case 503 -> estimated.isPresent() || message.contains("loading")
                    ? HfFailure.Kind.MODEL_LOADING : HfFailure.Kind.UNAVAILABLE;
            case 504 -> HfFailure.Kind.SERVER_ERROR;
            default -> status >= 500 ? HfFailure.Kind.SERVER_ERROR : HfFailure.Kind.BAD_REQUEST;
        };
        if (kind == HfFailure.Kind.MODEL_LOADING && retryAfter.isEmpty() && estimated.isPresent()) {
            retryAfter = Optional.of(Duration.ofMillis((long) Math.ceil(estimated.getAsDouble() * 1000)));
        }
        return new HfFailure(kind, status, message, retryAfter);
    }

    static JsonObject parse(byte[] body) {
        if (body == null || body.length == 0) {
            return JsonValue.EMPTY_JSON_OBJECT;
        }
        try (JsonReader reader = JsonBytes.JSON.createReader(new ByteArrayInputStream(body))) {
            JsonValue v = reader.readValue();
            return v.getValueType() == JsonValue.ValueType.OBJECT ? v.asJsonObject() : JsonValue.EMPTY_JSON_OBJECT;
        } catch (RuntimeException e) { // Parsson throws a bare RuntimeException for deep nesting
            return JsonValue.EMPTY_JSON_OBJECT;
        }
    }

    private static Optional<String> message(JsonObject json) {
        JsonValue error = json.get("error");
        if (error instanceof JsonString s) {
            return Optional.of(s.getString());
        }
        if (error != null && error.getValueType() == JsonValue.ValueType.OBJECT
                && error.asJsonObject().get("message") instanceof JsonString m) {
            return Optional.of(m.getString());
        }
        return Optional.empty();
    }

    private static OptionalDouble estimatedTime(JsonObject json) {
        return json.get("estimated_time") instanceof JsonNumber n && n.doubleValue() >= 0
                ? OptionalDouble.of(n.doubleValue()) : OptionalDouble.empty();
    }

    /** {@code Retry-After} in delta-seconds; HTTP dates are rare from HF and are ignored. */
    static Optional<Duration> retryAfter(String header) {
        try {
            long seconds = Long.parseLong(header.trim());
            return seconds >= 0 ? Optional.of(Duration.ofSeconds(seconds)) : Optional.empty();
        } catch (NumberFormatException e) {
            return Optional.empty();
        }
    }
}
