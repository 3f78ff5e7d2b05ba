package io.novix.api.platform;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * Request ids, unique whatever callers send: a fresh UUID, or — when the caller's
 * {@code X-Request-Id} is safe to log — that id (at most 48 characters) followed by {@code ~} and
 * twelve random hex digits. The caller's id stays findable ({@code request_id LIKE 'its-id~%'}),
 * and no caller can give its request another's id.
 */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestIds() {
    }

    public static String accept(String proposed) {
        if (proposed == null || !SAFE.matcher(proposed).matches()) {
            return UUID.randomUUID().toString();
        }
        byte[] suffix = new byte[6];
        RANDOM.nextBytes(suffix);
        return (proposed.length() > 48 ? proposed.substring(0, 48) : proposed) + "~" + HexFormat.of().formatHex(suffix);
    }
}
