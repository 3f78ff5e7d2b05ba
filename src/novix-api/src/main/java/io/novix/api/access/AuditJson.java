package io.novix.api.access;

import io.novix.hf.JsonBytes;

import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;
import jakarta.json.bind.Jsonb;
import jakarta.json.bind.JsonbBuilder;

import java.io.StringReader;
import java.util.Set;

/** An admin object as JSON for the audit row's before/after, with every secret-bearing field removed. */
final class AuditJson {

    /** Fields that carry a secret shown once to the caller; they never reach the audit trail. */
    private static final Set<String> SECRETS = Set.of("token", "clientSecret", "secret", "privateKey", "apiKey", "sealed");
    private static final Jsonb JSONB = JsonbBuilder.create();

    private AuditJson() {
    }

    static String of(Object view) {
        if (view == null || view instanceof byte[] || view instanceof String) {
            return null;
        }
        JsonValue value = JsonBytes.JSON.createReader(new StringReader(JSONB.toJson(view))).readValue();
        return strip(value).toString();
    }

    private static JsonValue strip(JsonValue value) {
        if (value instanceof JsonObject o) {
            JsonObjectBuilder b = JsonBytes.JSON.createObjectBuilder();
            o.forEach((k, v) -> {
                if (!SECRETS.contains(k)) {
                    b.add(k, strip(v));
                }
            });
            return b.build();
        }
        if (value.getValueType() == JsonValue.ValueType.ARRAY) {
            var b = JsonBytes.JSON.createArrayBuilder();
            value.asJsonArray().forEach(v -> b.add(strip(v)));
            return b.build();
        }
        return value;
    }
}
