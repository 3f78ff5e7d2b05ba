package io.novix.hf;

import jakarta.json.spi.JsonProvider;
import jakarta.json.JsonObject;
import jakarta.json.JsonReader;

import java.io.ByteArrayInputStream;

/** Small JSON-P helpers shared by the client and the gateway. */
public final class JsonBytes {

    /**
     * Looked up once: {@code Json.createReader} and friends search for the provider on every call,
     * which showed up as the largest single cost on the request path.
     */
    public static final JsonProvider JSON = JsonProvider.provider();

    private JsonBytes() {
    }

    /** Parses a JSON object; throws {@link jakarta.json.JsonException} or ClassCastException otherwise. */
    public static JsonObject object(byte[] bytes) {
        try (JsonReader reader = JSON.createReader(new ByteArrayInputStream(bytes))) {
            return reader.readObject();
        }
    }
}
