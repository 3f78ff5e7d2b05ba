package io.novix.core.kernel;

import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code multipart/form-data} body (RFC 7578) read from bytes: each part's name, file name,
 * media type and content. Anything malformed is a 400 with code {@code invalid_multipart}.
 */
public final class MultipartForm {

    public record Part(String name, Optional<String> filename, Optional<String> mediaType, byte[] content) {
        public String text() {
            return new String(content, StandardCharsets.UTF_8);
        }
    }

    private static final Pattern BOUNDARY = Pattern.compile("boundary=(\"([^\"]+)\"|([^;\\s]+))", Pattern.CASE_INSENSITIVE);
    private static final Pattern NAME = Pattern.compile("[;\\s]name=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern FILENAME = Pattern.compile("filename=\"([^\"]*)\"", Pattern.CASE_INSENSITIVE);
    private static final Pattern BCHARS = Pattern.compile("^[0-9A-Za-z'()+_,\\-./:=? ]{0,69}[0-9A-Za-z'()+_,\\-./:=?]$");
    private static final int MAX_PARTS = 32;
    private static final int MAX_HEADERS = 8 * 1024;

    private final Map<String, Part> parts;

    private MultipartForm(Map<String, Part> parts) {
        this.parts = parts;
    }

    public static MultipartForm parse(String contentType, byte[] body) {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw invalid("the body must be multipart/form-data");
        }
        Matcher b = BOUNDARY.matcher(contentType);
        if (!b.find()) {
            throw invalid("the multipart content type has no boundary");
        }
        String boundary = b.group(2) != null ? b.group(2) : b.group(3);
        if (!BCHARS.matcher(boundary).matches()) { // RFC 2046: 1-70 characters of a fixed set
            throw invalid("the multipart boundary must be 1-70 characters of RFC 2046's set");
        }
        byte[] delimiter = ("--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        int at = indexOf(body, delimiter, 0);
        if (at < 0) {
            throw invalid("the body does not contain the declared boundary");
        }
        Map<String, Part> parts = new LinkedHashMap<>();
        while (true) {
            int lineEnd = at + delimiter.length;
            if (lineEnd + 2 <= body.length && body[lineEnd] == '-' && body[lineEnd + 1] == '-') {
                return new MultipartForm(parts); // the closing delimiter
            }
            int headersStart = lineEnd + 2;
            int headersEnd = indexOf(body, "\r\n\r\n".getBytes(StandardCharsets.ISO_8859_1), headersStart);
            int next = headersEnd < 0 ? -1 : indexOf(body, ("\r\n" + new String(delimiter, StandardCharsets.ISO_8859_1))
                    .getBytes(StandardCharsets.ISO_8859_1), headersEnd + 4);
            if (headersEnd < 0 || next < 0) {
                throw invalid("a part is not terminated by the boundary");
            }
            if (headersEnd - headersStart > MAX_HEADERS) {
                throw invalid("a part's headers are longer than " + MAX_HEADERS + " bytes");
            }
            Part part = part(new String(body, headersStart, headersEnd - headersStart, StandardCharsets.UTF_8),
                    java.util.Arrays.copyOfRange(body, headersEnd + 4, next));
            if (parts.putIfAbsent(part.name(), part) != null) {
                throw invalid("the field '" + part.name() + "' appears twice");
            }
            if (parts.size() > MAX_PARTS) {
                throw invalid("more than " + MAX_PARTS + " parts");
            }
            at = next + 2;
        }
    }

    private static Part part(String headers, byte[] content) {
        String disposition = null;
        String type = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon > 0) {
                String name = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
                String value = line.substring(colon + 1).trim();
                if ("content-disposition".equals(name)) {
                    disposition = value;
                } else if ("content-type".equals(name)) {
                    type = value;
                }
            }
        }
        if (disposition == null || !disposition.toLowerCase(Locale.ROOT).startsWith("form-data")) {
            throw invalid("a part has no Content-Disposition: form-data");
        }
        Matcher name = NAME.matcher(disposition);
        if (!name.find() || name.group(1).isEmpty()) {
            throw invalid("a part has no name");
        }
        Matcher file = FILENAME.matcher(disposition);
        return new Part(name.group(1), file.find() ? Optional.of(file.group(1)) : Optional.empty(),
                Optional.ofNullable(type), content);
    }

    public Optional<Part> part(String name) {
        return Optional.ofNullable(parts.get(name));
    }

    public Optional<String> text(String name) {
        return part(name).map(Part::text);
    }

    public java.util.Set<String> names() {
        return parts.keySet();
    }

    /** Knuth-Morris-Pratt: linear in the body whatever it holds, so no input makes parsing quadratic. */
    static int indexOf(byte[] data, byte[] pattern, int from) {
        int[] fallback = new int[pattern.length];
        for (int i = 1, k = 0; i < pattern.length; i++) {
            while (k > 0 && pattern[i] != pattern[k]) {
                k = fallback[k - 1];
            }
            if (pattern[i] == pattern[k]) {
                k++;
            }
            fallback[i] = k;
        }
        for (int i = Math.max(0, from), k = 0; i < data.length; i++) {
            while (k > 0 && data[i] != pattern[k]) {
                k = fallback[k - 1];
            }
            if (data[i] == pattern[k]) {
                k++;
            }
            if (k == pattern.length) {
                return i - pattern.length + 1;
            }
        }
        return -1;
    }

    private static InvalidRequest invalid(String message) {
        return new InvalidRequest(ErrorCode.INVALID_MULTIPART, message, null);
    }
}
