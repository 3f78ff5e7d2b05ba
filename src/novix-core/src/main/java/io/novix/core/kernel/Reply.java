package io.novix.core.kernel;

import static io.novix.hf.JsonBytes.JSON;
import jakarta.json.JsonObjectBuilder;

import java.nio.charset.StandardCharsets;
import java.util.Map;

/**
 * What the gateway answers: status, JSON body and extra headers. Errors use the OpenAI error
 * shape so unmodified SDKs show the message: {@code {"error":{"message","type","code","param"}}}
 * plus the request id for support.
 */
public record Reply(int status, byte[] body, Map<String, String> headers, String errorCode, StreamWriter stream) {

    public static final String CONTENT_TYPE = "Content-Type";

    public Reply(int status, byte[] body, Map<String, String> headers, String errorCode) {
        this(status, body, headers, errorCode, null);
    }

    public static Reply ok(byte[] body) {
        return new Reply(200, body, Map.of(), null);
    }

    /** A 200 with a body that is not JSON (an image, plain text). */
    public static Reply ok(byte[] body, String contentType) {
        return new Reply(200, body, Map.of(CONTENT_TYPE, contentType), null);
    }

    /** The media type of the body: JSON unless the reply says otherwise. */
    public String contentType() {
        return headers.getOrDefault(CONTENT_TYPE, "application/json");
    }

    /** A 200 whose body is an event stream written by {@code stream}. */
    public static Reply streaming(StreamWriter stream) {
        return new Reply(200, new byte[0], Map.of(), null, stream);
    }

    /** The same reply with more headers (its own win on a clash). */
    public Reply withHeaders(Map<String, String> more) {
        if (more.isEmpty()) {
            return this;
        }
        Map<String, String> all = new java.util.LinkedHashMap<>(more);
        all.putAll(headers);
        return new Reply(status, body, Map.copyOf(all), errorCode, stream);
    }

    public boolean streamed() {
        return stream != null;
    }

    public static Reply error(ErrorCode code, String message, String param, String requestId) {
        return error(code, message, param, requestId, Map.of());
    }

    public static Reply error(ErrorCode code, String message, String param, String requestId,
                              Map<String, String> headers) {
        return new Reply(code.status(), errorBody(code, message, param, requestId), headers, code.code());
    }

    /** The reply to a refusal: its code's status, its message, the field it names. */
    public static Reply refused(Refusal refusal, String requestId) {
        return error(refusal.code(), refusal.getMessage(), refusal.param(), requestId, refusal.headers());
    }

    /** The OpenAI-shaped error object, also sent as an SSE event when a stream fails. */
    public static byte[] errorBody(ErrorCode code, String message, String param, String requestId) {
        JsonObjectBuilder error = JSON.createObjectBuilder()
                .add("message", message)
                .add("type", code.type())
                .add("code", code.code());
        if (param != null) {
            error.add("param", param);
        } else {
            error.addNull("param");
        }
        error.add("request_id", requestId);
        return JSON.createObjectBuilder().add("error", error).build().toString().getBytes(StandardCharsets.UTF_8);
    }
}
