package io.novix.hf;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An upstream answer as it came, whichever transport read it: status, the headers asked for (lower-case names), the body. */
record Answer(int status, Map<String, String> headers, byte[] body) {

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
}
