package io.novix.core.token.boundary;

import io.novix.core.token.entity.ApiToken;

/** A freshly issued token: the only moment its secret exists outside the caller's hands. */
public record IssuedToken(ApiToken token, String secret) {

    @Override
    public String toString() {
        return "IssuedToken[" + token.prefix() + ", secret=***]";
    }
}
