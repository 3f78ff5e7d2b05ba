package io.novix.core.inference.control;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Reply;
import io.novix.hf.HfFailure;

import java.util.Map;

/**
 * Maps what went wrong upstream to what the caller sees (docs/errors.md holds the same table).
 * Problems with Novix's own Hugging Face credentials are never blamed on the caller.
 */
public final class UpstreamErrors {

    private UpstreamErrors() {
    }

    public static Reply reply(HfFailure f, String model, String requestId) {
        Map<String, String> retry = f.retryAfter()
                .map(d -> Map.of("Retry-After", String.valueOf(Math.max(1, (d.toMillis() + 999) / 1000))))
                .orElse(Map.of());
        return switch (f.kind()) {
            case BAD_REQUEST -> Reply.error(ErrorCode.UPSTREAM_BAD_REQUEST, "the model rejected the request: " + told(f), null, requestId);
            case VALIDATION -> Reply.error(ErrorCode.UPSTREAM_VALIDATION_ERROR, told(f), null, requestId);
            case NOT_FOUND -> Reply.error(ErrorCode.MODEL_NOT_FOUND, "model '" + model + "' is not available upstream", "model", requestId);
            case PAYLOAD_TOO_LARGE -> Reply.error(ErrorCode.PAYLOAD_TOO_LARGE, told(f), null, requestId);
            case AUTH -> Reply.error(ErrorCode.UPSTREAM_AUTH_FAILED, "the gateway's Hugging Face credentials were refused", null, requestId);
            case GENERATION -> Reply.error(ErrorCode.UPSTREAM_GENERATION_FAILED, told(f), null, requestId);
            case RATE_LIMITED -> Reply.error(ErrorCode.UPSTREAM_RATE_LIMITED, "the upstream is rate limiting; retry later", null, requestId, retry);
            case MODEL_LOADING -> Reply.error(ErrorCode.MODEL_LOADING, "model '" + model + "' is still loading; retry later", null, requestId, retry);
            case UNAVAILABLE -> Reply.error(ErrorCode.UPSTREAM_UNAVAILABLE, "the upstream is unavailable", null, requestId, retry);
            case SERVER_ERROR -> Reply.error(ErrorCode.UPSTREAM_ERROR, "the upstream failed (HTTP " + f.upstreamStatus() + ")", null, requestId);
            case UNREACHABLE -> Reply.error(ErrorCode.UPSTREAM_UNREACHABLE, "the upstream could not be reached", null, requestId);
            case TIMEOUT -> Reply.error(ErrorCode.UPSTREAM_TIMEOUT, "the upstream did not answer in time", null, requestId);
            case MALFORMED_RESPONSE -> Reply.error(ErrorCode.UPSTREAM_MALFORMED_RESPONSE, "the upstream answered with a malformed body", null, requestId);
        };
    }

    private static final java.util.regex.Pattern URL = java.util.regex.Pattern.compile(
            "(?i)\\b(?:[a-z][a-z0-9+.-]*://|www\\.)\\S+|\\b\\d{1,3}(?:\\.\\d{1,3}){3}(?::\\d+)?\\b");

    /**
     * The upstream's own words, as far as the caller may see them: no URL or address of an internal
     * endpoint, no control characters, at most 300 characters.
     */
    static String told(HfFailure f) {
        String text = f.message() == null ? "" : f.message();
        text = URL.matcher(text).replaceAll("<endpoint>").replaceAll("\\p{Cntrl}", " ").strip();
        return text.length() <= 300 ? text : text.substring(0, 300) + "…";
    }
}
