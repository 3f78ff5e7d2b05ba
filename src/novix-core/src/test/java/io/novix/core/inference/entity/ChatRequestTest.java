package io.novix.core.inference.entity;

import io.novix.core.kernel.InvalidRequest;
import jakarta.json.JsonObject;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class ChatRequestTest {

    private final InferenceDefaults defaults = InferenceDefaults.from(name -> Optional.ofNullable(Map.of(
            "HF_TEXT_MODEL", "org/default-model", "HF_MAX_TOKENS", "256", "HF_TEMPERATURE", "0.3", "HF_TOP_P", "0.9").get(name)));

    private static byte[] json(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    private String code(String body) {
        return assertThrows(InvalidRequest.class, () -> ChatRequest.parse(json(body), defaults)).code().code();
    }

    @Test
    void thePromptEstimateCountsEveryMessagesTextAndItsFraming() {
        ChatRequest r = ChatRequest.parse(json("{\"messages\":[{\"role\":\"system\",\"content\":\"12345678\"},"
                + "{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"abcd\"}]},{\"role\":\"assistant\",\"content\":null}]}"),
                defaults);
        assertEquals((4 + 2) + (4 + 1) + 4, r.estimatedPromptTokens());
    }

    @Test
    void defaultsFillOnlyWhatTheCallerLeftOut() {
        JsonObject full = ChatRequest.parse(json("{\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), defaults).body();
        assertEquals("org/default-model", full.getString("model"));
        assertEquals(256, full.getInt("max_tokens"));
        assertEquals(0.3, full.getJsonNumber("temperature").doubleValue());
        assertEquals(0.9, full.getJsonNumber("top_p").doubleValue());

        JsonObject own = ChatRequest.parse(json("{\"model\":\"a/b:hf-inference\",\"max_tokens\":5,\"temperature\":0,"
                + "\"top_p\":0.5,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}"), defaults).body();
        assertEquals("a/b:hf-inference", own.getString("model"));
        assertEquals(5, own.getInt("max_tokens"));
        assertEquals(0, own.getJsonNumber("temperature").doubleValue());
        assertEquals(0.5, own.getJsonNumber("top_p").doubleValue());
    }

    @Test
    void multimodalContentPartsAndToolCallsPassThrough() {
        ChatRequest r = ChatRequest.parse(json("{\"messages\":[{\"role\":\"user\",\"content\":[{\"type\":\"text\",\"text\":\"what?\"},"
                + "{\"type\":\"image_url\",\"image_url\":{\"url\":\"data:image/png;base64,AAA\"}}]},"
                + "{\"role\":\"assistant\",\"content\":null,\"tool_calls\":[]}],\"stop\":\"END\"}"), defaults);
        assertEquals("image_url", r.body().getJsonArray("messages").getJsonObject(0).getJsonArray("content")
                .getJsonObject(1).getString("type"));
        assertEquals("END", r.body().getString("stop"));
    }

    @Test
    void badInputGetsStableCodes() {
        assertEquals("invalid_json", code("{\"messages\":"));
        assertEquals("invalid_json", code("[1,2]"));
        assertEquals("invalid_json", code(""));
        assertEquals("forbidden_field", code("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"tenant\":\"other\"}"),
                "mass assignment of the tenant is refused with its own code");
        assertEquals("unknown_field", code("{\"messages\":[{\"role\":\"user\",\"content\":\"x\"}],\"colour\":\"red\"}"));
        assertEquals("invalid_field", code("{\"messages\":[]}"));
        assertEquals("invalid_field", code("{\"messages\":[{\"role\":\"wizard\",\"content\":\"x\"}]}"));
        assertEquals("invalid_field", code("{\"messages\":[{\"role\":\"user\"}]}"));
        assertEquals("invalid_field", code("{\"model\":7,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"));
        assertEquals("invalid_field", code("{\"max_tokens\":0,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"));
        assertEquals("invalid_field", code("{\"max_tokens\":1.5,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"));
        assertEquals("invalid_field", code("{\"temperature\":3,\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"));
        assertEquals("invalid_field", code("{\"top_p\":\"high\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"));
        assertEquals("invalid_field", code("{\"stream\":\"yes\",\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"));
        assertEquals("invalid_field", code("{\"stream_options\":{\"include_usage\":true},\"messages\":[{\"role\":\"user\",\"content\":\"x\"}]}"));
    }
}
