package io.novix.core.inference.entity;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The chat request's cache form and its replay as an event stream. */
class ChatCacheFormTest {

    private static final InferenceDefaults DEFAULTS = InferenceDefaults.from(key -> java.util.Optional.empty());

    private static ChatRequest parse(String json) {
        return ChatRequest.parse(json.getBytes(StandardCharsets.UTF_8), DEFAULTS);
    }

    @Test
    void deliveryFieldsAndNumberSpellingDoNotChangeTheKeyButContentDoes() {
        byte[] a = parse("{\"model\":\"m/x\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").cacheForm();
        byte[] b = parse("{\"messages\":[{\"content\":\"hi\",\"role\":\"user\"}],\"user\":\"u1\",\"stream\":true,"
                + "\"temperature\":0.0,\"model\":\"m/x\"}").cacheForm();
        assertArrayEquals(a, b);
        assertNotEquals(new String(a), new String(parse("{\"model\":\"m/x\",\"temperature\":0,\"messages\":[{\"role\":\"user\","
                + "\"content\":\"hi!\"}]}").cacheForm()));
    }

    @Test
    void onlyTemperatureZeroOrASeedIsDeterministic() {
        assertTrue(parse("{\"model\":\"m/x\",\"temperature\":0,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").deterministic());
        assertTrue(parse("{\"model\":\"m/x\",\"seed\":3,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").deterministic());
        assertFalse(parse("{\"model\":\"m/x\",\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").deterministic());
        assertFalse(parse("{\"model\":\"m/x\",\"temperature\":0.2,\"messages\":[{\"role\":\"user\",\"content\":\"hi\"}]}").deterministic());
    }

    @Test
    void aCachedCompletionIsReplayedAsOpenAiChunks() {
        String completion = "{\"id\":\"c1\",\"object\":\"chat.completion\",\"created\":5,\"model\":\"m/x\",\"choices\":[{\"index\":0,"
                + "\"message\":{\"role\":\"assistant\",\"content\":\"Hello \\\"you\\\"\"},\"finish_reason\":\"length\"}],"
                + "\"usage\":{\"prompt_tokens\":3,\"completion_tokens\":2,\"total_tokens\":5}}";
        String events = new String(ChatReplay.events(completion.getBytes(StandardCharsets.UTF_8), true), StandardCharsets.UTF_8);
        String[] lines = events.split("\n\n");
        assertTrue(lines[0].startsWith("data: {\"id\":\"c1\",\"object\":\"chat.completion.chunk\""), lines[0]);
        assertTrue(lines[0].contains("\"delta\":{\"role\":\"assistant\",\"content\":\"Hello \\\"you\\\"\"}"), lines[0]);
        assertTrue(lines[1].contains("\"finish_reason\":\"length\""), lines[1]);
        assertTrue(lines[2].contains("\"choices\":[]") && lines[2].contains("\"total_tokens\":5"), lines[2]);
        assertTrue(lines[3].equals("data: [DONE]"));
        assertFalse(new String(ChatReplay.events(completion.getBytes(StandardCharsets.UTF_8), false)).contains("usage"),
                "no usage chunk unless asked");
    }
}
