package io.novix.core.identity.entity;

import io.novix.core.kernel.ErrorCode;

/** Why a presented token is or is not accepted; the names are the stable error codes' roots. */
public enum TokenVerdict {
    VALID, MISSING, MALFORMED, UNKNOWN, EXPIRED, REVOKED, TENANT_SUSPENDED, CSRF_REQUIRED;

    public ErrorCode errorCode() {
        return switch (this) {
            case VALID -> null;
            case MISSING -> ErrorCode.MISSING_TOKEN;
            case MALFORMED, UNKNOWN -> ErrorCode.INVALID_TOKEN;
            case EXPIRED -> ErrorCode.TOKEN_EXPIRED;
            case REVOKED -> ErrorCode.TOKEN_REVOKED;
            case TENANT_SUSPENDED -> ErrorCode.TENANT_SUSPENDED;
            case CSRF_REQUIRED -> ErrorCode.CSRF_TOKEN_REQUIRED;
        };
    }
}
