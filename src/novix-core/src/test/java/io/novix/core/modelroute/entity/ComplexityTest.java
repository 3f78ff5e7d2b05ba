package io.novix.core.modelroute.entity;

import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The complexity score on a labelled set of prompts written for it (complexity-labelled.tsv: "small"
 * where a 7B model answers well, "large" where the larger model is needed): the default route's
 * threshold (0.4) must agree with at least 90 % of the labels, and with every label of the clearest
 * cases (greetings and one-fact questions small, code plus reasoning large).
 */
class ComplexityTest {

    record Labelled(boolean large, String prompt) {
    }

    @Test
    void theDefaultThresholdAgreesWithTheLabelledSet() throws IOException {
        List<Labelled> set = labelled();
        assertTrue(set.size() >= 50, "at least 50 labelled prompts: " + set.size());
        int agree = 0;
        List<String> wrong = new ArrayList<>();
        for (Labelled l : set) {
            Complexity c = Complexity.of(l.prompt());
            assertTrue(c.score() >= 0 && c.score() <= 1, "a score is in [0, 1]");
            boolean large = c.score() >= ModelRoute.DEFAULT.threshold();
            if (large == l.large()) {
                agree++;
            } else {
                wrong.add(c.formatted() + " " + (l.large() ? "large" : "small") + " " + c.features() + " " + l.prompt());
            }
        }
        double accuracy = (double) agree / set.size();
        System.out.printf("complexity: %d of %d labelled prompts agree (%.1f %%)%n", agree, set.size(), 100 * accuracy);
        wrong.forEach(w -> System.out.println("  disagrees: " + w));
        assertTrue(accuracy >= 0.9, "agreement " + accuracy + "; disagreements: " + wrong);
    }

    @Test
    void theScoreIsDeterministicAndExplained() {
        String prompt = "First explain why the sky is blue, then derive Rayleigh's law step by step.";
        Complexity a = Complexity.of(prompt);
        assertEquals(a, Complexity.of(prompt));
        assertEquals(List.of("length", "structure", "code", "reasoning", "steps", "language"), List.copyOf(a.features().keySet()));
        double sum = 0;
        for (var e : a.features().entrySet()) {
            sum += Complexity.WEIGHTS.get(e.getKey()) * e.getValue();
        }
        assertEquals(Math.round(sum * 100) / 100.0, a.score(), 0.011, "the score is the weighted sum of its features");
        assertEquals(1.0, a.features().get("reasoning"), "explain and derive: two reasoning cues");
        assertEquals(1.0, a.features().get("steps"), "first, then, step by step");
    }

    @Test
    void clearCasesAreNeverMisjudged() {
        assertTrue(Complexity.of("hi").score() < 0.1);
        assertTrue(Complexity.of("").score() == 0.0);
        assertTrue(Complexity.of("What is the capital of Peru?").score() < 0.4);
        assertTrue(Complexity.of("Write a Java class implementing a lock-free queue, prove it is linearizable, and analyse "
                + "its complexity.\n```java\nclass Q {}\n```").score() >= 0.4);
    }

    @Test
    void anEnormousPromptIsScoredQuicklyAndSaturates() {
        String big = "why? ".repeat(200_000) + "x".repeat(500_000);
        long start = System.nanoTime();
        Complexity c = Complexity.of(big);
        assertTrue(c.score() <= 1.0);
        assertEquals(1.0, c.features().get("length"));
        assertTrue(System.nanoTime() - start < 20_000_000_000L, "linear, no backtracking blow-up");
    }

    static List<Labelled> labelled() throws IOException {
        List<Labelled> out = new ArrayList<>();
        try (InputStream in = ComplexityTest.class.getResourceAsStream("/complexity-labelled.tsv")) {
            for (String line : new String(in.readAllBytes(), StandardCharsets.UTF_8).split("\n")) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] parts = line.split("\t", 2);
                out.add(new Labelled(parts[0].equals("large"), parts[1].replace("\\n", "\n")));
            }
        }
        return out;
    }
}
