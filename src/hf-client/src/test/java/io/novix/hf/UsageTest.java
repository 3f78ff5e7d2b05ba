package io.novix.hf;

import jakarta.json.JsonException;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

class UsageTest {

    private static Optional<Usage> of(String completion) {
        return Usage.ofCompletion(completion.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void usageIsReadWhereverItStandsAndTheChoicesAreWalkedPast() {
        assertEquals(Optional.of(new Usage(12, 8)), of("""
                {"id":"c1","choices":[{"index":0,"message":{"role":"assistant","content":"a {\\"b\\": [1]} c"},
                "logprobs":null,"finish_reason":"stop"}],"usage":{"prompt_tokens":12,"completion_tokens":8,"total_tokens":20}}"""));
        assertEquals(Optional.of(new Usage(3, 4)), of("""
                {"usage":{"completion_tokens":4,"prompt_tokens":3,"details":{"cached":[1,2]}},"model":"m","choices":[]}"""));
    }

    @Test
    void missingOrOddUsageCountsAsNoneAndTheLastOneWins() {
        assertEquals(Optional.of(Usage.NONE), of("{\"choices\":[]}"));
        assertEquals(Optional.of(Usage.NONE), of("{\"choices\":[],\"usage\":[1,2]}"));
        assertEquals(Optional.of(Usage.NONE), of("{\"choices\":[],\"usage\":{\"prompt_tokens\":-1,\"completion_tokens\":2.5}}"));
        assertEquals(Optional.of(new Usage(2, 0)), of("{\"usage\":{\"prompt_tokens\":1},\"choices\":null,\"usage\":{\"prompt_tokens\":2}}"));
    }

    @Test
    void aCompletionWithoutChoicesIsEmpty() {
        assertEquals(Optional.empty(), of("{\"usage\":{\"prompt_tokens\":1,\"completion_tokens\":1},\"object\":\"chat.completion\"}"));
        assertEquals(Optional.empty(), of("{\"data\":{\"choices\":[]}}"));
    }

    @Test
    void whatIsNotOneWellFormedObjectIsRefusedEvenInsideWhatIsWalkedPast() {
        for (String bad : new String[] {"[]", "", "{\"choices\":[{\"a\" 1}]}", "{\"choices\":[1 2]}", "{\"choices\":[]",
                "{\"choices\":[]} {}", "{\"choices\":[}]}", "{\"choices\":[\"unterminated]}"}) {
            assertThrows(RuntimeException.class, () -> of(bad), bad);
        }
        assertThrows(JsonException.class, () -> of("{\"choices\":[{\"a\":tru}]}"));
    }
}
