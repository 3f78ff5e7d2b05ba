package io.novix.core.identity.entity;

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
    ADMIN_POLICY("admin:policy"),
    AUDIT_READ("audit:read");

    private final String value;

    Scope(String value) {
        this.value = value;
    }

    public String value() {
        return value;
    }

    /** The stored form: scope values separated by spaces; unknown values are dropped. */
    public static java.util.Set<Scope> parseAll(String spaceSeparated) {
        java.util.Set<Scope> set = java.util.EnumSet.noneOf(Scope.class);
        Arrays.stream(spaceSeparated.split(" ")).map(Scope::parse).forEach(s -> s.ifPresent(set::add));
        return set;
    }

    /** The stored form of a set of scopes, sorted. */
    public static String joinAll(java.util.Set<Scope> scopes) {
        return scopes.stream().map(Scope::value).sorted().collect(java.util.stream.Collectors.joining(" "));
    }

    /** Scope names from a request: at least one, each known (a 400 names the unknown one). */
    public static java.util.Set<Scope> parseRequired(java.util.List<String> names) {
        if (names == null || names.isEmpty()) {
            throw new IllegalArgumentException("scopes must name at least one of "
                    + Arrays.stream(values()).map(Scope::value).toList());
        }
        java.util.Set<Scope> scopes = java.util.EnumSet.noneOf(Scope.class);
        for (String name : names) {
            scopes.add(parse(name).orElseThrow(() -> new IllegalArgumentException("unknown scope: " + name)));
        }
        return scopes;
    }

    public static Optional<Scope> parse(String value) {
        return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
    }
}
