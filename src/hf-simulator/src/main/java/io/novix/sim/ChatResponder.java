package io.novix.sim;

import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.util.UUID;

/**
 * Builds router-format chat completions. The answer is deterministic so tests can assert it:
 * it echoes the last user message, and is cut at {@code max_tokens} with finish_reason "length".
 */
final class ChatResponder {

    private ChatResponder() {
    }

    /** Returns an error message for a request the router would refuse, or null when valid. */
    static String validate(JsonObject request) {
        if (!(request.get("model") instanceof JsonString model) || model.getString().isBlank()) {
            return "Input validation error: `model` must be a non-empty string";
        }
        if (!(request.get("messages") instanceof JsonArray messages) || messages.isEmpty()) {
            return "Input validation error: `messages` must be a non-empty array";
        }
        return null;
    }

    static String answerFor(JsonObject request) {
        return "Simulated answer from " + request.getString("model") + " to: " + lastUserText(request);
    }

    static JsonObject completion(JsonObject request, long created) {
        String model = request.getString("model");
        String answer = answerFor(request);
        int answerTokens = TextTokens.count(answer);
        int maxTokens = request.getInt("max_tokens", Integer.MAX_VALUE);
        boolean cut = answerTokens > maxTokens;
        String content = cut ? TextTokens.firstTokens(answer, maxTokens) : answer;
        int completionTokens = cut ? maxTokens : answerTokens;
        int promptTokens = promptTokens(request);
        return Json.createObjectBuilder()
                .add("id", "chatcmpl-" + UUID.randomUUID().toString().replace("-", ""))
                .add("object", "chat.completion")
                .add("created", created)
                .add("model", model)
                .add("system_fingerprint", "3.2.3-sha-a1f3ebe")
                .add("choices", Json.createArrayBuilder().add(Json.createObjectBuilder()
                        .add("index", 0)
                        .add("message", Json.createObjectBuilder()
                                .add("role", "assistant")
                                .add("content", content))
                        .add("logprobs", JsonValue.NULL)
                        .add("finish_reason", cut ? "length" : "stop")))
                .add("usage", Json.createObjectBuilder()
                        .add("prompt_tokens", promptTokens)
                        .add("completion_tokens", completionTokens)
                        .add("total_tokens", promptTokens + completionTokens))
                .build();
    }

    static int promptTokens(JsonObject request) {
        int tokens = 0;
        for (JsonValue m : request.getJsonArray("messages")) {
            tokens += 4; // role and separators, as chat templates add
            if (m instanceof JsonObject message && message.get("content") instanceof JsonString c) {
                tokens += TextTokens.count(c.getString());
            }
        }
        return tokens;
    }

    /** Multimodal content: the text parts, then how many images a vision-language model was shown. */
    private static String describe(JsonArray parts) {
        StringBuilder text = new StringBuilder();
        int images = 0;
        for (JsonValue p : parts) {
            if (p instanceof JsonObject part && "text".equals(part.getString("type", ""))) {
                text.append(text.length() > 0 ? " " : "").append(part.getString("text", ""));
            } else if (p instanceof JsonObject part && "image_url".equals(part.getString("type", ""))
                    && part.get("image_url") instanceof JsonObject url && url.containsKey("url")) {
                images++;
            }
        }
        return images == 0 ? text.toString() : text + " [" + images + (images == 1 ? " image]" : " images]");
    }

    private static String lastUserText(JsonObject request) {
        JsonArray messages = request.getJsonArray("messages");
        for (int i = messages.size() - 1; i >= 0; i--) {
            if (messages.get(i) instanceof JsonObject m && "user".equals(m.getString("role", ""))) {
                if (m.get("content") instanceof JsonString c) {
                    return c.getString();
                }
                if (m.get("content") instanceof JsonArray parts) {
                    return describe(parts);
                }
            }
        }
        return "";
    }
}
