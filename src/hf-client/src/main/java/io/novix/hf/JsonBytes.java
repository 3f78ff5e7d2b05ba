package io.novix.hf;

import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.ByteArrayInputStream;

/** Small JSON-P helpers shared by the client. */
public final class JsonBytes {

    private JsonBytes() {
    }

    /** Parses a JSON object; throws {@link jakarta.json.JsonException} or ClassCastException otherwise. */
    public static JsonObject object(byte[] bytes) {
        try (JsonReader reader = Json.createReader(new ByteArrayInputStream(bytes))) {
            return reader.readObject();
        }
    }
}
