package io.novix.sim;

import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;

/**
 * One scripted misbehaviour, consumed by the next inference request. Kinds:
 * {@code loading} (503 with estimated_time), {@code rate_limit} (429, optional Retry-After),
 * {@code status} (any status with a Hugging Face error body), {@code malformed} (200, broken JSON),
 * {@code delay} (answer normally after delayMs), and for streams {@code stream_cut} (stop after
 * afterChunks chunks without [DONE]), {@code stream_error} (an error event after afterChunks) and
 * {@code stream_hold} (pause after afterChunks until the test releases it); {@code reset} drops the
 * connection before answering, {@code hang} never answers (the caller's read timeout must fire),
 * {@code cold_start} is a scaled-to-zero endpoint waking for delayMs: it answers 503 unless the call
 * carries an {@code X-Scale-Up-Timeout} long enough, in which case it holds the call and answers.
 */
record Fault(String kind, int status, double estimatedTime, Integer retryAfter, long delayMs, String errorType,
             int afterChunks) {

    static Fault of(JsonObject json) {
        String kind = json.getString("kind");
        return new Fault(kind,
                json.getInt("status", defaultStatus(kind)),
                json.containsKey("estimatedTime") ? json.getJsonNumber("estimatedTime").doubleValue() : 20.0,
                json.get("retryAfter") instanceof JsonNumber n ? n.intValue() : null,
                json.containsKey("delayMs") ? json.getJsonNumber("delayMs").longValue() : 0,
                json.getString("errorType", null),
                json.getInt("afterChunks", 2));
    }

    private static int defaultStatus(String kind) {
        return switch (kind) {
            case "loading" -> 503;
            case "rate_limit" -> 429;
            case "malformed", "delay", "stream_cut", "stream_error", "stream_hold", "reset", "hang", "cold_start" -> 200;
            case "status" -> 500;
            default -> throw new IllegalArgumentException("unknown fault kind: " + kind);
        };
    }
}
