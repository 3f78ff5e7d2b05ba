package io.novix.core.token.entity;

import java.util.Arrays;
import java.util.Optional;

/** What a token may be used for. */
public enum Scope {
    INFERENCE_CHAT("inference:chat"),
    INFERENCE_EMBEDDINGS("inference:embeddings"),
    INFERENCE_IMAGES("inference:images"),
    INFERENCE_AUDIO("inference:audio"),
    ADMIN_TOKENS("admin:tokens"),
    ADMIN_USERS("admin:users"),
    AUDIT_READ("audit:read");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    public static Optional<Scope> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
