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
        if (s == null || (s.length() <= max && clean(s))) {
            return s; // the common case, on the audit writer's path for every entry: nothing to replace
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

    /** No control character and no surrogate (so no lone one): {@link #fit} would return it unchanged. */
    private static boolean clean(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isISOControl(c) || Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    /** JSON for a {@code jsonb} column: PostgreSQL refuses the escape {@code \u0000}, so it becomes U+FFFD. */
    public static String json(String json) {
        return json == null ? null : json.replace("\\u0000", "\\ufffd").replace("\u0000", "\uFFFD");
    }
}
