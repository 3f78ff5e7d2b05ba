package io.novix.api.admin;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.NotFound;

import java.util.UUID;

/** Path ids: anything that is not a UUID simply names nothing (404), never a 500. */
final class Ids {

    private Ids() {
    }

    static UUID parse(String raw, ErrorCode notFoundCode) {
        try {
            return UUID.fromString(raw);
        } catch (IllegalArgumentException e) {
            throw new NotFound(notFoundCode, "no such id");
        }
    }
}
