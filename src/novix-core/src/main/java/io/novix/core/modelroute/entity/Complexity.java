package io.novix.core.modelroute.entity;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How demanding a prompt is, in [0, 1]: the weighted sum of six features, each in [0, 1], capped at
 * 1 — computed from the text alone: deterministic, cheap (linear regular expressions) and
 * explainable (every feature's value travels with the score). The weights make one strong signal
 * (a code block, two reasoning cues, a long prompt outside Latin script) enough for the large
 * model on its own, and weak signals count only together. Features and weights (docs/cost-levers.md):
 * <ul>
 * <li>{@code length} 0.35 — words beyond 10, saturating at 250;</li>
 * <li>{@code structure} 0.20 — list items, headings, tables and separate questions, saturating at 6;</li>
 * <li>{@code code} 0.45 — a fenced block counts fully, code-like tokens (keywords, operators, calls) 0.25 each;</li>
 * <li>{@code reasoning} 0.45 — cues such as why, prove, derive, compare, trade-off, analyse, step by step; 0.5 each;</li>
 * <li>{@code steps} 0.25 — multi-step cues (first, then, finally, step n, numbered items); 1/3 each;</li>
 * <li>{@code language} 0.45 — the share of letters outside Latin script (small models are weaker there),
 * tripled, times the prompt's letters up to 40 (a short greeting stays short).</li>
 * </ul>
 */
public record Complexity(double score, Map<String, Double> features) {

    static final Map<String, Double> WEIGHTS = Map.of("length", 0.35, "structure", 0.20, "code", 0.45,
            "reasoning", 0.45, "steps", 0.25, "language", 0.45);
    private static final List<String> ORDER = List.of("length", "structure", "code", "reasoning", "steps", "language");

    private static final Pattern WORD = Pattern.compile("[\\p{L}\\p{N}_']+");
    private static final Pattern STRUCTURE = Pattern.compile("(?m)^\\s*(?:[-*•]\\s+|\\d+[.)]\\s+|#{1,6}\\s+|\\|.*\\|\\s*$)");
    private static final Pattern QUESTION = Pattern.compile("\\?");
    private static final Pattern FENCE = Pattern.compile("```");
    private static final Pattern CODE_TOKEN = Pattern.compile("(?:\\b(?:def|class|function|return|import|public|static|void|"
            + "const|let|var|SELECT|FROM|WHERE|JOIN|lambda|async|await|struct|impl|fn|println|printf|#include)\\b"
            + "|[{};]\\s*$|==|!=|=>|->|&&|\\|\\||\\b\\w++\\([^)\\n]{0,200}\\)\\s*[{;:]|</?\\w+>)", Pattern.MULTILINE);
    private static final Pattern REASONING = Pattern.compile("\\b(?:why|explain|prove|proof|derive|derivation|compare|"
            + "contrast|analy[sz]e|analysis|evaluate|justify|trade-?offs?|reason(?:ing)?|implications?|critique|assess|"
            + "pros and cons|step[- ]by[- ]step|optimi[sz]e|design|architect(?:ure)?|diagnose|debug|refactor|theorem|complexity|strategy)\\b",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern STEPS = Pattern.compile("(?m)\\b(?:first(?:ly)?|second(?:ly)?|then|next|after that|"
            + "afterwards|finally|step[- ]by[- ]step|step \\d+|lastly)\\b|^\\s*\\d+[.)]\\s+", Pattern.CASE_INSENSITIVE);

    /** Scores a prompt (the text of every message, as the model would read it). */
    public static Complexity of(String prompt) {
        String text = prompt == null ? "" : prompt;
        Map<String, Double> f = new LinkedHashMap<>();
        int words = count(WORD.matcher(text));
        f.put("length", clamp((words - 10) / 240.0));
        f.put("structure", clamp((count(STRUCTURE.matcher(text)) + Math.max(0, count(QUESTION.matcher(text)) - 1)) / 6.0));
        f.put("code", count(FENCE.matcher(text)) >= 2 ? 1.0 : clamp(count(CODE_TOKEN.matcher(text)) * 0.25));
        f.put("reasoning", clamp(count(REASONING.matcher(text)) * 0.5));
        f.put("steps", clamp(count(STEPS.matcher(text)) / 3.0));
        f.put("language", clamp(nonLatinShare(text) * 3 * Math.min(1.0, letters(text) / 40.0)));
        double score = 0;
        for (String k : ORDER) {
            score += WEIGHTS.get(k) * f.get(k);
        }
        Map<String, Double> rounded = new LinkedHashMap<>();
        f.forEach((k, v) -> rounded.put(k, round(v)));
        return new Complexity(round(clamp(score)), java.util.Collections.unmodifiableMap(rounded));
    }

    /** {@code 0.31}: two decimals, as in the route header and the audit row. */
    public String formatted() {
        return String.format(Locale.ROOT, "%.2f", score);
    }

    private static int count(Matcher m) {
        int n = 0;
        while (m.find()) {
            n++;
        }
        return n;
    }

    private static int letters(String text) {
        return (int) text.codePoints().filter(Character::isLetter).count();
    }

    private static double nonLatinShare(String text) {
        int letters = 0;
        int other = 0;
        for (int i = 0; i < text.length(); ) {
            int cp = text.codePointAt(i);
            i += Character.charCount(cp);
            if (Character.isLetter(cp)) {
                letters++;
                if (Character.UnicodeScript.of(cp) != Character.UnicodeScript.LATIN) {
                    other++;
                }
            }
        }
        return letters == 0 ? 0 : (double) other / letters;
    }

    private static double clamp(double v) {
        return Math.max(0, Math.min(1, v));
    }

    private static double round(double v) {
        return Math.round(v * 100) / 100.0;
    }
}
