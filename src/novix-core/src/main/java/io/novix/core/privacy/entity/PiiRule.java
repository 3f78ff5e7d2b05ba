package io.novix.core.privacy.entity;

import java.math.BigInteger;
import java.util.Locale;
import java.util.function.Predicate;
import java.util.regex.Pattern;

/**
 * The kinds of personal data Novix recognises in text, each a pattern plus, where the format has
 * one, its checksum (a card number must pass Luhn, an IBAN mod 97), so that order numbers and
 * timestamps are not taken for personal data. The order is the order they are applied in.
 */
public enum PiiRule {
    EMAIL("(?<![\\w.+-])[A-Za-z0-9._%+-]{1,64}@[A-Za-z0-9-]{1,63}(?:\\.[A-Za-z0-9-]{1,63})+", m -> true),
    IBAN("\\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]{4}){2,7}(?: ?[A-Z0-9]{1,4})?\\b", PiiRule::ibanValid),
    /** A digit run glued to a word (d9861426-8104-4623-90f0-...: a UUID, a hash) is an identifier, not a card. */
    CARD("(?<!\\w)(?<!\\w-)(?:\\d[ -]?){12,18}\\d(?!\\w)(?!-\\w)", PiiRule::luhnValid),
    US_SSN("(?<!\\d)(?!000|666|9\\d\\d)\\d{3}-(?!00)\\d{2}-(?!0000)\\d{4}(?!\\d)", m -> true),
    IP_ADDRESS("(?<![\\d.])(?:(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)\\.){3}(?:25[0-5]|2[0-4]\\d|1?\\d?\\d)(?![\\d.])"
            + "|(?<![:\\w])(?:[0-9A-Fa-f]{1,4}:){7}[0-9A-Fa-f]{1,4}(?![:\\w])", m -> true),
    /** International (+country) numbers, or the North American (555) 123-4567 form: bare digit runs are ids. */
    PHONE("(?<![\\w+])(?:\\+\\d{1,3}[ .-]?(?:\\(?\\d{1,4}\\)?[ .-]?){1,4}\\d{2,4}|\\(?\\d{3}\\)?[ .-]\\d{3}[ .-]\\d{4})(?![\\w])",
            PiiRule::phoneLike);

    private final Pattern pattern;
    private final Predicate<String> valid;

    PiiRule(String regex, Predicate<String> valid) {
        this.pattern = Pattern.compile(regex);
        this.valid = valid;
    }

    Pattern pattern() {
        return pattern;
    }

    boolean accepts(String match) {
        return valid.test(match);
    }

    /** What replaces a match: the kind, never the value. */
    String mask() {
        return "[REDACTED:" + name() + "]";
    }

    static boolean luhnValid(String match) {
        String digits = match.replaceAll("[ -]", "");
        if (digits.length() < 13 || digits.length() > 19) {
            return false;
        }
        int sum = 0;
        for (int i = 0; i < digits.length(); i++) {
            int d = digits.charAt(digits.length() - 1 - i) - '0';
            if (i % 2 == 1) {
                d *= 2;
                d = d > 9 ? d - 9 : d;
            }
            sum += d;
        }
        return sum % 10 == 0;
    }

    static boolean ibanValid(String match) {
        String iban = match.replace(" ", "").toUpperCase(Locale.ROOT);
        if (iban.length() < 15 || iban.length() > 34) {
            return false;
        }
        String rearranged = iban.substring(4) + iban.substring(0, 4);
        StringBuilder numeric = new StringBuilder();
        for (char c : rearranged.toCharArray()) {
            numeric.append(Character.isDigit(c) ? String.valueOf(c) : String.valueOf(c - 'A' + 10));
        }
        return new BigInteger(numeric.toString()).mod(BigInteger.valueOf(97)).intValue() == 1;
    }

    /** A phone number has 8-15 digits in all (E.164); shorter runs are amounts, years, ids. */
    static boolean phoneLike(String match) {
        long digits = match.chars().filter(Character::isDigit).count();
        return digits >= 8 && digits <= 15;
    }
}
