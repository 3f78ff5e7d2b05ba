package io.novix.core.inference.entity;

import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.ByteArrayOutputStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;

import static io.novix.hf.JsonBytes.JSON;

/**
 * A cached chat completion replayed as the event stream a streaming caller asked for, in the
 * OpenAI chunk format: the role and the whole content in one delta per choice, then each choice's
 * finish reason, the usage chunk when the caller asked for it, and {@code [DONE]}.
 */
public final class ChatReplay {

    private ChatReplay() {
    }

    public static byte[] events(byte[] completion, boolean withUsage) {
        JsonObject c = JSON.createReader(new StringReader(new String(completion, StandardCharsets.UTF_8))).readObject();
        ByteArrayOutputStream out = new ByteArrayOutputStream(completion.length * 2);
        for (JsonValue v : c.getJsonArray("choices")) {
            JsonObject choice = v.asJsonObject();
            JsonObject message = choice.getJsonObject("message");
            JsonObjectBuilder delta = JSON.createObjectBuilder().add("role", message.getString("role", "assistant"));
            if (message.get("content") != null) {
                delta.add("content", message.get("content"));
            }
            if (message.get("tool_calls") != null) {
                delta.add("tool_calls", message.get("tool_calls"));
            }
            event(out, chunk(c, JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("index", choice.getInt("index", 0))
                    .add("delta", delta).addNull("finish_reason"))));
            event(out, chunk(c, JSON.createArrayBuilder().add(JSON.createObjectBuilder().add("index", choice.getInt("index", 0))
                    .add("delta", JsonValue.EMPTY_JSON_OBJECT).add("finish_reason", choice.get("finish_reason") == null
                            ? JSON.createValue("stop") : choice.get("finish_reason")))));
        }
        if (withUsage && c.get("usage") instanceof JsonObject usage) {
            event(out, JSON.createObjectBuilder(chunk(c, JSON.createArrayBuilder())).add("usage", usage).build());
        }
        out.writeBytes("data: [DONE]\n\n".getBytes(StandardCharsets.UTF_8));
        return out.toByteArray();
    }

    private static JsonObject chunk(JsonObject c, JsonArrayBuilder choices) {
        return JSON.createObjectBuilder().add("id", c.getString("id", "cached")).add("object", "chat.completion.chunk")
                .add("created", c.getJsonNumber("created") == null ? 0 : c.getJsonNumber("created").longValue())
                .add("model", c.getString("model", "")).add("choices", choices).build();
    }

    private static void event(ByteArrayOutputStream out, JsonObject data) {
        out.writeBytes(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
    }
}
