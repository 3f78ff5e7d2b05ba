package io.novix.core.inference.entity;

import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InferenceDefaultsTest {

    private static InferenceDefaults with(String... pairs) {
        Map<String, String> env = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return InferenceDefaults.from(name -> Optional.ofNullable(env.get(name)));
    }

    private static String failure(String... pairs) {
        return assertThrows(IllegalStateException.class, () -> with(pairs)).getMessage();
    }

    @Test
    void productNotesValuesAreAccepted() {
        InferenceDefaults d = with("AI_PROVIDER", "huggingface", "HF_API_VERSION", "2.4",
                "HF_API_KEY", "hf_abcdefghijklmnop", "HF_ENTERPRISE_ENDPOINT", "https://api.enterprise.huggingface.co",
                "HF_TEXT_MODEL", "HuggingFaceH4/zephyr-7b-enterprise", "HF_IMAGE_MODEL", "stabilityai/stable-diffusion-xl-enterprise",
                "HF_MAX_TOKENS", "8192", "HF_TEMPERATURE", "0.7", "HF_TOP_P", "0.95", "HF_MAX_RETRIES", "5");
        assertEquals(8192, d.maxTokens());
        assertEquals(0.95, d.topP());
        assertEquals(5, d.maxRetries());
        assertEquals("api.enterprise.huggingface.co", d.endpoint().getHost());
        assertTrue(d.apiKey().isPresent());
    }

    @Test
    void everyBadValueNamesItsVariable() {
        assertTrue(failure("AI_PROVIDER", "openai").contains("AI_PROVIDER"));
        assertTrue(failure("HF_API_VERSION", "latest").contains("HF_API_VERSION"));
        assertTrue(failure("HF_ENTERPRISE_ENDPOINT", "ftp://x").contains("HF_ENTERPRISE_ENDPOINT"));
        assertTrue(failure("HF_TEXT_MODEL", "not a model").contains("HF_TEXT_MODEL"));
        assertTrue(failure("HF_IMAGE_MODEL", "a//b").contains("HF_IMAGE_MODEL"));
        assertTrue(failure("HF_MAX_TOKENS", "lots").contains("HF_MAX_TOKENS"));
        assertTrue(failure("HF_MAX_TOKENS", "0").contains("HF_MAX_TOKENS"));
        assertTrue(failure("HF_TEMPERATURE", "-1").contains("HF_TEMPERATURE"));
        assertTrue(failure("HF_TOP_P", "0").contains("HF_TOP_P"));
        assertTrue(failure("HF_MAX_RETRIES", "2.5").contains("HF_MAX_RETRIES"));
    }

    @Test
    void theKeyIsNeverPrinted() {
        String message = failure("HF_API_KEY", "hf secret");
        assertTrue(message.contains("HF_API_KEY"));
        assertFalse(message.contains("hf secret"));
        assertFalse(with("HF_API_KEY", "hf_supersecretvalue").toString().contains("supersecret"));
    }
}
