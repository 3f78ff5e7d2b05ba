package io.novix.hf;

import org.apache.hc.core5.http.Header;
import org.apache.hc.core5.http.MessageHeaders;

import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** An upstream answer as it came, whichever transport read it: status, the headers asked for (lower-case names), the body. */
record Answer(int status, Map<String, String> headers, byte[] body) {

    Optional<String> header(String name) {
        return Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }

    /** The first value of each header asked for that came, by lower-case name (either HttpClient 5 transport). */
    static Map<String, String> kept(Iterable<String> names, MessageHeaders message) {
        Map<String, String> headers = new HashMap<>();
        for (String name : names) {
            Header header = message.getFirstHeader(name);
            if (header != null) {
                headers.put(name.toLowerCase(Locale.ROOT), header.getValue());
            }
        }
        return Map.copyOf(headers);
    }
}
