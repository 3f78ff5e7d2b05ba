package io.novix.core.routing.entity;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ModelIdTest {

    @Test
    void theHubsGrammarWithTheRoutersSuffix() {
        for (String ok : List.of("HuggingFaceH4/zephyr-7b-beta", "gpt2", "meta-llama/Llama-3.1-8B-Instruct",
                "openai/whisper-large-v3", "BAAI/bge-small-en-v1.5", "deepseek-ai/DeepSeek-R1:fastest",
                "mistralai/Mixtral-8x7B-Instruct-v0.1:together", "a/b_c.d")) {
            assertTrue(ModelId.valid(ok), ok);
        }
    }

    @Test
    void nothingThatCouldChangeThePathOrHost() {
        for (String bad : List.of("", "../admin", "a/../../b", "a/b/c", "/etc/passwd", "http://169.254.169.254/latest",
                "a/b?x=1", "a/b#f", "a/b%2F..", "a b/c", "a/b\u0000", "-a/b", "a/b-", ".a/b", "a--b/c", "a/b..c",
                "a/b.git", "a/b:", "a/b:UPPER", "a/b:x/y", "a:b:c", "x".repeat(97), "a/" + "x".repeat(97),
                "a\\b", "a/b\n", "@evil.example/x")) {
            assertFalse(ModelId.valid(bad), bad);
        }
    }
}
