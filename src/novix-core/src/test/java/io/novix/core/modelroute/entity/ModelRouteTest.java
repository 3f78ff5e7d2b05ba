package io.novix.core.modelroute.entity;

import io.novix.core.kernel.InvalidRequest;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

/** The product notes' rule, as the default route applies it. */
class ModelRouteTest {

    private static final Map<String, BigDecimal> OUTPUT = Map.of("HuggingFaceH4/zephyr-7b-beta", new BigDecimal("0.0002"),
            "mistralai/Mixtral-8x7B-Instruct-v0.1", new BigDecimal("0.0006"));

    private static ModelRoute.Decision decide(double score, BigDecimal left) {
        return ModelRoute.DEFAULT.decide(new Complexity(score, Map.of()), left, OUTPUT::get);
    }

    @Test
    void belowFourTenthsTheSmallModelElseTheLarge() {
        assertEquals("HuggingFaceH4/zephyr-7b-beta", decide(0.39, null).model());
        assertEquals("complexity<0.40", decide(0.39, null).rule());
        assertEquals("mistralai/Mixtral-8x7B-Instruct-v0.1", decide(0.40, null).model());
        assertEquals("complexity>=0.40", decide(0.40, null).rule());
    }

    @Test
    void temperatureIsColderAboveSixTenths() {
        assertEquals(0.8, decide(0.6, null).temperature());
        assertEquals(0.5, decide(0.61, null).temperature());
    }

    @Test
    void maxTokensIsWhatTheBudgetLeftBuysAtMost8192() {
        assertEquals(8192, decide(0.9, null).maxTokens(), "no budget: the route's ceiling");
        assertEquals(8192, decide(0.9, new BigDecimal("100")).maxTokens());
        // $0.003 left at $0.0006 per 1K output tokens buys 5,000 tokens
        ModelRoute.Decision capped = decide(0.9, new BigDecimal("0.003"));
        assertEquals(5000, capped.maxTokens());
        assertEquals("complexity>=0.40;budget-capped", capped.rule());
        assertEquals(1, decide(0.1, new BigDecimal("-1")).maxTokens(), "a spent budget asks for the least (the policy refuses it)");
    }

    @Test
    void theHeaderExplainsTheDecision() {
        assertEquals("route=auto; model=HuggingFaceH4/zephyr-7b-beta; complexity=0.31; rule=complexity<0.40",
                decide(0.31, null).header());
    }

    @Test
    void aRouteIsValidatedWhereItIsMade() {
        assertThrows(InvalidRequest.class, () -> new ModelRoute("Auto!", "a/b", "c/d", 0.4, 0.6, 0.5, 0.8, 10));
        assertThrows(InvalidRequest.class, () -> new ModelRoute("cheap", "a/b", "c/d", 1.5, 0.6, 0.5, 0.8, 10));
        assertThrows(InvalidRequest.class, () -> new ModelRoute("cheap", "a/b", "c/d", 0.4, 0.6, 3, 0.8, 10));
        assertThrows(InvalidRequest.class, () -> new ModelRoute("cheap", "a/b", "c/d", 0.4, 0.6, 0.5, 0.8, 0));
    }
}
