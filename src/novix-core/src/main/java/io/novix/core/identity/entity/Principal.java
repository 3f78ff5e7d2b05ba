package io.novix.core.identity.entity;

import java.util.Objects;

/**
 * Who acted, as the audit trail names them: {@code token:<prefix>}, {@code sa:<client id>},
 * {@code user:<IdP subject>}, the platform admin, or {@code anonymous}. Values from outside
 * (an IdP subject) are kept printable and bounded, so a principal never forges a log line.
 */
public record Principal(String value) {

    public static final int MAX = 200;
    private static final Principal ANONYMOUS = new Principal("anonymous");

    public Principal {
        Objects.requireNonNull(value, "value");
        value = printable(value);
        if (value.isBlank()) {
            throw new IllegalArgumentException("a principal needs a name");
        }
    }

    public static Principal anonymous() {
        return ANONYMOUS;
    }

    public static Principal token(String prefix) {
        return new Principal("token:" + prefix);
    }

    public static Principal serviceAccount(String clientId) {
        return new Principal("sa:" + clientId);
    }

    public static Principal user(String subject) {
        return new Principal("user:" + subject);
    }

    /** Someone who presented a SAML answer Liberty refused: not yet anyone. */
    public static Principal unverifiedSaml() {
        return new Principal("saml:unverified");
    }

    /** A principal named by a hint that may be absent: anonymous then. */
    public static Principal orAnonymous(Principal hint) {
        return hint == null ? ANONYMOUS : hint;
    }

    private static String printable(String raw) {
        StringBuilder out = new StringBuilder(Math.min(raw.length(), MAX));
        raw.codePoints().limit(MAX).forEach(c -> out.appendCodePoint(Character.isISOControl(c)
                || Character.getType(c) == Character.FORMAT ? '?' : c));
        return out.length() > MAX ? out.substring(0, MAX) : out.toString();
    }

    @Override
    public String toString() {
        return value;
    }
}
