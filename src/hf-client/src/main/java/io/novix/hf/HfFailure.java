package io.novix.hf;

import java.time.Duration;
import java.util.Optional;

/**
 * Why an upstream call did not produce a completion. {@code upstreamStatus} is 0 when no HTTP
 * answer came back (connect failure, timeout).
 */
public record HfFailure(Kind kind, int upstreamStatus, String message, Optional<Duration> retryAfter) {

    public enum Kind {
        BAD_REQUEST(false), VALIDATION(false), NOT_FOUND(false), PAYLOAD_TOO_LARGE(false),
        AUTH(false), GENERATION(false), RATE_LIMITED(true), MODEL_LOADING(true),
        UNAVAILABLE(true), SERVER_ERROR(true), UNREACHABLE(true), TIMEOUT(false),
        MALFORMED_RESPONSE(false);

        private final boolean retryable;

        Kind(boolean retryable) {
            this.retryable = retryable;
        }

        public boolean retryable() {
            return retryable;
        }
    }

    public HfFailure {
        message = message == null || message.isBlank() ? kind.name().toLowerCase() : message;
        retryAfter = retryAfter == null ? Optional.empty() : retryAfter;
    }

    public static HfFailure of(Kind kind, int status, String message) {
        return new HfFailure(kind, status, message, Optional.empty());
    }
}
