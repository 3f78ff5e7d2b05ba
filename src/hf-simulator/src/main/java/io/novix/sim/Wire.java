package io.novix.sim;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/** Writing answers and Hugging Face's error bodies. */
final class Wire {

    private Wire() {
    }

    /** The Inference API's {@code {"error": "..."}}. */
    static JsonObject error(String message) {
        return Json.createObjectBuilder().add("error", message).build();
    }

    /** TGI / TEI's {@code {"error": "...", "error_type": "..."}}. */
    static JsonObject tgiError(String message, String type) {
        return Json.createObjectBuilder().add("error", message).add("error_type", type).build();
    }

    static void send(HttpExchange ex, int status, JsonValue json) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "application/json");
        raw(ex, status, json.toString().getBytes(StandardCharsets.UTF_8));
    }

    static void raw(HttpExchange ex, int status, byte[] bytes) throws IOException {
        ex.getResponseHeaders().set("x-request-id", Long.toHexString(System.nanoTime()));
        ex.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = ex.getResponseBody()) {
            out.write(bytes);
        }
    }
}
