package io.novix.sim;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A crude but deterministic tokenizer: words and punctuation marks each count as one token. */
final class TextTokens {

    private static final Pattern TOKEN = Pattern.compile("\\w+|[^\\w\\s]");

    private TextTokens() {
    }

    static List<String> split(String text) {
        List<String> tokens = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        while (m.find()) {
            tokens.add(m.group());
        }
        return tokens;
    }

    /** The text up to the end of its {@code n}-th token (the whole text when it has fewer). */
    static String firstTokens(String text, int n) {
        Matcher m = TOKEN.matcher(text);
        int end = 0;
        for (int i = 0; i < n && m.find(); i++) {
            end = m.end();
        }
        return n <= 0 ? "" : (end == 0 ? text : text.substring(0, end));
    }

    /** The text cut into token pieces, each with the whitespace before it: joined, they give the text back. */
    static List<String> pieces(String text) {
        List<String> pieces = new ArrayList<>();
        Matcher m = TOKEN.matcher(text);
        int from = 0;
        while (m.find()) {
            pieces.add(text.substring(from, m.end()));
            from = m.end();
        }
        return pieces;
    }

    static int count(String text) {
        return split(text).size();
    }
}
