package io.novix.core.privacy.entity;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;

import java.util.Arrays;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.regex.PatternSyntaxException;

/**
 * A kind of personal data a tenant names itself (an employee number, a case id), as a regular
 * expression. Accepted only if it is short, compiles, has no back-references, and stays within
 * the read budget on inputs made to provoke backtracking; at run time the budget still applies
 * (see {@link Redactor}).
 */
public record CustomPattern(String name, String pattern) {

    private static final Pattern NAME = Pattern.compile("^[A-Z][A-Z0-9_]{0,31}$");
    private static final Pattern BACK_REFERENCE = Pattern.compile("\\\\[1-9]|\\\\k<");
    private static final int MAX_LENGTH = 200;
    private static final int SHORT = 400;
    private static final int LONG = 1 << 15;
    private static final long SHORT_CAP = 2_000_000;
    private static final int GROWTH = 6;
    /**
     * Inputs that make nested or overlapping quantifiers backtrack: runs of one unit followed by a
     * mismatch; the pattern's own letters and digits are added as units.
     */
    private static final List<String> PROBES = List.of("a", "0", " ", "-", ".", "@", "A1", "a ", "0-", "x.");

    public CustomPattern {
        if (name == null || !NAME.matcher(name).matches()
                || Arrays.stream(PiiRule.values()).anyMatch(r -> r.name().equals(name))) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "a custom pattern's name is 1-32 of A-Z, 0-9 and _, starts with a "
                    + "letter and is not a built-in kind", "customPatterns");
        }
        if (pattern == null || pattern.isEmpty() || pattern.length() > MAX_LENGTH) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "custom pattern " + name + ": 1 to " + MAX_LENGTH + " characters",
                    "customPatterns");
        }
        if (BACK_REFERENCE.matcher(pattern).find()) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "custom pattern " + name + ": back-references are not allowed",
                    "customPatterns");
        }
        Pattern compiled;
        try {
            compiled = Pattern.compile(pattern);
        } catch (PatternSyntaxException e) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "custom pattern " + name + " does not compile: "
                    + e.getDescription(), "customPatterns");
        }
        if (compiled.matcher("").matches()) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "custom pattern " + name + " matches empty text", "customPatterns");
        }
        List<String> units = new java.util.ArrayList<>(PROBES);
        pattern.chars().filter(Character::isLetterOrDigit).distinct().forEach(c -> units.add(String.valueOf((char) c)));
        for (String unit : units) {
            // linear patterns read about 4x as much of a 4x longer probe; backtracking ones 16x or more
            long shorter = reads(compiled, unit, SHORT, SHORT_CAP);
            if (shorter < 0 || reads(compiled, unit, SHORT * 4, shorter * GROWTH + 4L * SHORT) < 0) {
                throw new InvalidRequest(ErrorCode.INVALID_FIELD, "custom pattern " + name + " backtracks: its cost grows faster "
                        + "than the text (nested or overlapping repetition?)", "customPatterns");
            }
            // a repeated group recurses once per repetition: on a long run it overflows the stack (and fails closed,
            // masking the whole text) however the JIT sized the frames — refused here, whatever short probes showed
            if (overflows(compiled, unit)) {
                throw new InvalidRequest(ErrorCode.INVALID_FIELD, "custom pattern " + name + " cannot read a long run of '"
                        + unit + "' (a repeated group?)", "customPatterns");
            }
        }
    }

    /** Characters the pattern reads of a probe made of {@code unit}, or -1 past {@code cap}. */
    private static long reads(Pattern compiled, String unit, int length, long cap) {
        BoundedText probe = new BoundedText(unit.repeat(Math.max(1, length / unit.length())) + "\u0000!", cap);
        try {
            Matcher m = compiled.matcher(probe);
            while (m.find()) {
                // only the cost matters here
            }
            return probe.used();
        } catch (BoundedText.Exhausted | StackOverflowError e) { // Java's engine recurses per repetition of a group
            return -1;
        }
    }

    /** Whether reading a long run of {@code unit} overflows the stack (the read budget is the run-time one's concern). */
    private static boolean overflows(Pattern compiled, String unit) {
        BoundedText probe = new BoundedText(unit.repeat(Math.max(1, LONG / unit.length())) + "\u0000!", (long) LONG * 256);
        try {
            Matcher m = compiled.matcher(probe);
            while (m.find()) {
                // only whether it finishes matters here
            }
            return false;
        } catch (BoundedText.Exhausted e) {
            return false;
        } catch (StackOverflowError e) {
            return true;
        }
    }

    Pattern compiled() {
        return Pattern.compile(pattern);
    }

    String mask() {
        return "[REDACTED:" + name + "]";
    }
}
