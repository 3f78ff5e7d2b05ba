package io.novix.core.kernel;

import static io.novix.hf.JsonBytes.JSON;
import jakarta.json.JsonArray;
import jakarta.json.JsonException;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.ByteArrayInputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Strict reading of request bodies: malformed JSON, unknown and mistyped fields become 400s. */
public final class JsonInput {

    /**
     * Fields that would pick a tenant or grant a role (mass assignment). Refused with their own code
     * wherever an operation does not take them explicitly; tenant fields are taken nowhere.
     */
    private static final Set<String> PRIVILEGED = Set.of("tenant", "tenantId", "tenant_id", "tenantSlug",
            "role", "roles", "admin", "isAdmin", "platformAdmin", "groups");

    private final JsonObject json;

    private JsonInput(JsonObject json) {
        this.json = json;
    }

    /** Parses a JSON object that may hold only {@code allowed} fields. */
    public static JsonInput object(byte[] raw, Set<String> allowed) {
        if (raw == null || raw.length == 0) {
            throw new InvalidRequest(ErrorCode.INVALID_JSON, "request body is empty; expected a JSON object", null);
        }
        JsonValue value;
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(raw))) {
            value = reader.readValue();
        } catch (RuntimeException e) { // Parsson throws a bare RuntimeException for deep nesting
            throw new InvalidRequest(ErrorCode.INVALID_JSON, "request body is not valid JSON", null);
        }
        if (value.getValueType() != JsonValue.ValueType.OBJECT) {
            throw new InvalidRequest(ErrorCode.INVALID_JSON, "request body must be a JSON object", null);
        }
        for (String key : value.asJsonObject().keySet()) {
            if (PRIVILEGED.contains(key) && !allowed.contains(key)) {
                throw new InvalidRequest(ErrorCode.FORBIDDEN_FIELD, "'" + key + "' cannot be set in a request: the tenant and "
                        + "the caller's roles come from the authenticated credential", key);
            }
            if (!allowed.contains(key)) {
                throw new InvalidRequest(ErrorCode.UNKNOWN_FIELD, "unknown field '" + key + "'", key);
            }
        }
        return new JsonInput(value.asJsonObject());
    }

    /** The whole object, for callers that pass it on. */
    public JsonObject json() {
        return json;
    }

    public String requiredString(String key) {
        return optionalString(key).orElseThrow(() ->
                new InvalidRequest(ErrorCode.MISSING_FIELD, "'" + key + "' is required", key));
    }

    public Optional<String> optionalString(String key) {
        JsonValue v = json.get(key);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(v instanceof JsonString s)) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + key + "' must be a string", key);
        }
        return Optional.of(s.getString());
    }

    public List<String> stringList(String key) {
        JsonValue v = json.get(key);
        if (v == null || v == JsonValue.NULL) {
            return List.of();
        }
        if (!(v instanceof JsonArray array)) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + key + "' must be an array of strings", key);
        }
        List<String> out = new ArrayList<>();
        for (JsonValue item : array) {
            if (!(item instanceof JsonString s)) {
                throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + key + "' must be an array of strings", key);
            }
            out.add(s.getString());
        }
        return out;
    }
}
