package io.novix.core.kernel;

import java.util.Locale;

/**
 * Every error code Novix answers, with its HTTP status and OpenAI error type. {@code docs/errors.md}
 * lists the same codes; {@code ErrorCodeTest} fails when the two disagree. The JSON code is the
 * constant's name in lower case, so a code is stable as long as the constant is.
 */
public enum ErrorCode {
    // the caller's credential
    MISSING_TOKEN(401), INVALID_TOKEN(401), TOKEN_EXPIRED(401), TOKEN_REVOKED(401),
    INSUFFICIENT_SCOPE(403), TENANT_SUSPENDED(403), CSRF_TOKEN_REQUIRED(403), CROSS_ORIGIN_REFUSED(403), PERMISSION_DENIED(403),
    DELEGATION_DENIED(403), REDACTION_BELOW_PROFILE(403),
    // single sign-on
    SAML_ASSERTION_MISSING(401), SAML_ASSERTION_REJECTED(401), SAML_ASSERTION_REPLAYED(401), SAML_AUDIENCE_MISMATCH(401), SAML_ISSUER_MISMATCH(401),
    AUTHN_CONTEXT_INSUFFICIENT(403), NO_ROLE(403), SSO_NOT_CONFIGURED(404),
    // the request
    INVALID_JSON(400), UNKNOWN_FIELD(400), MISSING_FIELD(400), INVALID_FIELD(400), FORBIDDEN_FIELD(400),
    UNSUPPORTED_INPUT(400), UNSUPPORTED_PARAMETER(400), UNSUPPORTED_TASK(400), INVALID_MODEL(400),
    INVALID_MULTIPART(400), FILE_TOO_LARGE(413), UNSUPPORTED_MEDIA_TYPE(415),
    BAD_REQUEST(400), UNAUTHORIZED(401), FORBIDDEN(403), NOT_FOUND(404), METHOD_NOT_ALLOWED(405), NOT_ACCEPTABLE(406),
    // objects
    TENANT_NOT_FOUND(404), TOKEN_NOT_FOUND(404), USER_NOT_FOUND(404), SERVICE_ACCOUNT_NOT_FOUND(404),
    BINDING_NOT_FOUND(404), ENDPOINT_NOT_FOUND(404), ROUTE_NOT_FOUND(404),
    TENANT_EXISTS(409), USER_EXISTS(409), ENDPOINT_EXISTS(409), TOKEN_NOT_ROTATABLE(409),
    SERVICE_ACCOUNT_DISABLED(409), SIGNING_UNAVAILABLE(409),
    // capacity and the platform
    CONCURRENCY_LIMIT_EXCEEDED(429), TOO_MANY_REFUSALS(429), RATE_LIMITED(429),
    // the tenant's policy: a spent quota or budget is not retryable (an OpenAI SDK retries 429 and 5xx only)
    TOKEN_QUOTA_EXCEEDED(403), BUDGET_EXCEEDED(402), MODEL_NOT_ALLOWED(403), PROVIDER_NOT_ALLOWED(403), DEDICATED_NOT_IN_TIER(403), REGION_NOT_ALLOWED(403), ENDPOINTS_API_UNAVAILABLE(503), CLASSIFICATION_NOT_ALLOWED(403), INVALID_DATA_CLASSIFICATION(400), NO_ENDPOINT_AVAILABLE(503), RESIDENCY_UNAVAILABLE(503), AUDIT_UNAVAILABLE(503), DATABASE_UNAVAILABLE(503), LIMITS_UNAVAILABLE(503), INTERNAL_ERROR(500),
    // the upstream (docs/errors.md, "Upstream (Hugging Face) errors")
    UPSTREAM_BAD_REQUEST(400), UPSTREAM_AUTH_FAILED(502), MODEL_NOT_FOUND(404), PAYLOAD_TOO_LARGE(413),
    UPSTREAM_VALIDATION_ERROR(422), UPSTREAM_GENERATION_FAILED(502), UPSTREAM_RATE_LIMITED(429), MODEL_LOADING(503),
    UPSTREAM_UNAVAILABLE(503), UPSTREAM_ERROR(502), UPSTREAM_UNREACHABLE(502), UPSTREAM_TIMEOUT(504),
    UPSTREAM_MALFORMED_RESPONSE(502),
    // inside a stream that has started (sent as a last error event; the HTTP status was 200)
    UPSTREAM_STREAM_ERROR(502), UPSTREAM_STREAM_INTERRUPTED(502);

    private final int status;
    private final String code;

    ErrorCode(int status) {
        this.status = status;
        this.code = name().toLowerCase(Locale.ROOT);
    }

    public int status() {
        return status;
    }

    /** The stable code in the JSON body and the audit row. */
    public String code() {
        return code;
    }

    /** The OpenAI error type, which SDKs map to their exception classes. */
    public String type() {
        return switch (status) {
            case 401 -> "authentication_error";
            case 402, 403 -> "permission_error";
            case 429 -> "rate_limit_error";
            default -> status >= 500 ? (name().startsWith("UPSTREAM") || name().startsWith("MODEL")
                    ? "upstream_error" : "server_error") : "invalid_request_error";
        };
    }

    @Override
    public String toString() {
        return code;
    }
}
