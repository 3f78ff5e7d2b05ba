package io.novix.core.identity.entity;

/** Why a presented token is or is not accepted; the names are the stable error codes' roots. */
public enum TokenVerdict {
    VALID, MISSING, MALFORMED, UNKNOWN, EXPIRED, REVOKED, TENANT_SUSPENDED, CSRF_REQUIRED;

    public String errorCode() {
        return switch (this) {
            case VALID -> null;
            case MISSING -> "missing_token";
            case MALFORMED, UNKNOWN -> "invalid_token";
            case EXPIRED -> "token_expired";
            case REVOKED -> "token_revoked";
            case TENANT_SUSPENDED -> "tenant_suspended";
            case CSRF_REQUIRED -> "csrf_token_required";
        };
    }
}
