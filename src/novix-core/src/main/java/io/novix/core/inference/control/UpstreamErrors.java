package io.novix.core.inference.control;

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
            case BAD_REQUEST -> Reply.error(400, "upstream_bad_request", "the model rejected the request: " + f.message(), null, requestId);
            case VALIDATION -> Reply.error(422, "upstream_validation_error", f.message(), null, requestId);
            case NOT_FOUND -> Reply.error(404, "model_not_found", "model '" + model + "' is not available upstream", "model", requestId);
            case PAYLOAD_TOO_LARGE -> Reply.error(413, "payload_too_large", f.message(), null, requestId);
            case AUTH -> Reply.error(502, "upstream_auth_failed", "the gateway's Hugging Face credentials were refused", null, requestId);
            case GENERATION -> Reply.error(502, "upstream_generation_failed", f.message(), null, requestId);
            case RATE_LIMITED -> Reply.error(429, "upstream_rate_limited", "the upstream is rate limiting; retry later", null, requestId, retry);
            case MODEL_LOADING -> Reply.error(503, "model_loading", "model '" + model + "' is still loading; retry later", null, requestId, retry);
            case UNAVAILABLE -> Reply.error(503, "upstream_unavailable", "the upstream is unavailable", null, requestId, retry);
            case SERVER_ERROR -> Reply.error(502, "upstream_error", "the upstream failed (HTTP " + f.upstreamStatus() + ")", null, requestId);
            case UNREACHABLE -> Reply.error(502, "upstream_unreachable", "the upstream could not be reached", null, requestId);
            case TIMEOUT -> Reply.error(504, "upstream_timeout", "the upstream did not answer in time", null, requestId);
            case MALFORMED_RESPONSE -> Reply.error(502, "upstream_malformed_response", "the upstream answered with a malformed body", null, requestId);
        };
    }
}
