package io.novix.core.audit.entity;

/**
 * Text as the audit table can hold it: no NUL or other control characters (PostgreSQL refuses NUL
 * in text; control characters forge log lines), no lone surrogates, and at most the column's
 * length in characters. Applied to every free-text field of an entry before it is queued.
 */
public final class AuditText {

    private static final int REPLACEMENT = '\uFFFD';

    private AuditText() {
    }

    public static String fit(String s, int max) {
        if (s == null) {
            return null;
        }
        StringBuilder out = new StringBuilder(Math.min(s.length(), max));
        int count = 0;
        for (int i = 0; i < s.length() && count < max; count++) {
            int c = s.codePointAt(i);
            int width = Character.charCount(c);
            boolean lone = Character.isSurrogate(s.charAt(i)) && width == 1;
            out.appendCodePoint(lone || Character.isISOControl(c) ? REPLACEMENT : c);
            i += width;
        }
        return out.toString();
    }

    /** JSON for a {@code jsonb} column: PostgreSQL refuses the escape {@code \u0000}, so it becomes U+FFFD. */
    public static String json(String json) {
        return json == null ? null : json.replace("\\u0000", "\\ufffd").replace("\u0000", "\uFFFD");
    }
}
