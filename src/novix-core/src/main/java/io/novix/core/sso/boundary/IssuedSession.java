package io.novix.core.sso.boundary;

import io.novix.core.sso.entity.UserSession;

/** A new session with its secret (the cookie) and CSRF token, both shown once. */
public record IssuedSession(UserSession session, String secret, String csrfToken) {
    @Override
    public String toString() {
        return "IssuedSession[" + session.id() + ", secret=***]";
    }
}
