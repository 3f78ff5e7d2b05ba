package io.novix.api.platform;

import java.util.UUID;
import java.util.regex.Pattern;

/** Request ids: the caller's X-Request-Id when it is safe to log, a fresh one otherwise. */
public final class RequestIds {

    public static final String HEADER = "X-Request-Id";
    private static final Pattern SAFE = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");

    private RequestIds() {
    }

    public static String accept(String proposed) {
        return proposed != null && SAFE.matcher(proposed).matches() ? proposed : UUID.randomUUID().toString();
    }
}
