package io.novix.hf;

import java.util.Map;
import java.util.Optional;

/** The result of a task call after retries: the upstream's 2xx answer as it came, or a failure. */
public sealed interface TaskOutcome {

    int attempts();

    /** Body, its content type, and the response headers Novix meters from (lower-case names). */
    record Answered(byte[] body, String contentType, Map<String, String> headers, int attempts) implements TaskOutcome {
        public Optional<String> header(String name) {
            return Optional.ofNullable(headers.get(name));
        }
    }

    record Failed(HfFailure failure, int attempts) implements TaskOutcome {
    }

    default Optional<HfFailure> problem() {
        return this instanceof Failed f ? Optional.of(f.failure()) : Optional.empty();
    }
}
