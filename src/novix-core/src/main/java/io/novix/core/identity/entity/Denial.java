package io.novix.core.identity.entity;

import io.novix.core.kernel.Refusal;

import java.util.Map;

/**
 * A credential refused (401) or a valid one without the scope (403), as a refusal any stage may
 * throw. It keeps the authentication for the audit row: who tried, and the precise reason.
 */
public final class Denial extends Refusal {

    private static final Map<String, String> CHALLENGE = Map.of("WWW-Authenticate", "Bearer realm=\"novix\"");
    private final transient Authentication authentication;

    private Denial(Authentication authentication) {
        super(authentication.refusalCode(), authentication.refusalMessage(), null,
                authentication.refusalCode().status() == 401 ? CHALLENGE : Map.of());
        this.authentication = authentication;
    }

    public static Denial of(Authentication authentication) {
        if (authentication.granted()) {
            throw new IllegalArgumentException("a granted authentication is not a denial");
        }
        return new Denial(authentication);
    }

    public Authentication authentication() {
        return authentication;
    }
}
