package io.novix.sim;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;

/**
 * text-generation as TGI and the task API serve it: {@code /generate} answers
 * {@code {"generated_text","details"}}, the task API {@code [{"generated_text"}]}, and
 * {@code /generate_stream} (or {@code "stream": true}) token events framed {@code data:{...}}
 * with the text and details in the last one. TGI validates parameters inside a stream: a bad
 * parameter there is a 200 carrying one error event.
 */
final class Generation {

    private Generation() {
    }

    /** Why TGI would refuse these parameters, or null. */
    static String invalid(JsonObject request) {
        if (!(request.get("inputs") instanceof JsonString inputs) || inputs.getString().isBlank()) {
            return "Input validation error: `inputs` cannot be empty";
        }
        JsonObject p = parameters(request);
        if (p.get("max_new_tokens") instanceof JsonNumber n && (n.intValue() < 1 || n.intValue() > 2048)) {
            return "Input validation error: `max_new_tokens` must be between 1 and 2048. Given: " + n;
        }
        if (p.get("top_p") instanceof JsonNumber n && !(n.doubleValue() > 0 && n.doubleValue() < 1)) {
            return "Input validation error: `top_p` must be > 0.0 and < 1.0";
        }
        if (p.get("temperature") instanceof JsonNumber n && !(n.doubleValue() > 0)) {
            return "Input validation error: `temperature` must be strictly positive";
        }
        return null;
    }

    static JsonObject parameters(JsonObject request) {
        return request.get("parameters") instanceof JsonObject p ? p : JsonValue.EMPTY_JSON_OBJECT;
    }

    /** The deterministic continuation, cut at max_new_tokens (default 20, as the task API). */
    static List<String> pieces(JsonObject request) {
        String prompt = request.getString("inputs");
        List<String> all = TextTokens.pieces(" Simulated continuation of: " + prompt);
        int max = parameters(request).getInt("max_new_tokens", 20);
        return all.size() > max ? all.subList(0, max) : all;
    }

    /** {@code tgi}: TGI's object form with details; otherwise the task API's list. */
    static void answer(HttpExchange ex, JsonObject request, boolean tgi) throws IOException {
        List<String> pieces = pieces(request);
        String text = String.join("", pieces);
        JsonObject p = parameters(request);
        if (p.getBoolean("return_full_text", !tgi)) {
            text = request.getString("inputs") + text;
        }
        int promptTokens = TextTokens.count(request.getString("inputs"));
        ex.getResponseHeaders().set("x-prompt-tokens", String.valueOf(promptTokens));
        ex.getResponseHeaders().set("x-generated-tokens", String.valueOf(pieces.size()));
        ex.getResponseHeaders().set("x-compute-time", "0.012");
        JsonObjectBuilder answer = Json.createObjectBuilder().add("generated_text", text);
        if (tgi || p.getBoolean("details", false)) {
            answer.add("details", details(request, pieces.size()));
        }
        JsonValue body = tgi ? answer.build() : Json.createArrayBuilder().add(answer).build();
        Wire.send(ex, 200, body);
    }

    /** Streams token events; a scripted fault cuts it or ends it with an error event. */
    static void stream(HttpExchange ex, JsonObject request, Fault fault, ChatStreamer.Pacing pacing) throws IOException {
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        try {
            String invalid = invalid(request);
            if (invalid != null) {
                event(out, Wire.tgiError(invalid, "validation").toString());
                return;
            }
            List<String> pieces = pieces(request);
            for (int i = 0; i < pieces.size(); i++) {
                if (fault != null && i == fault.afterChunks()) {
                    if ("stream_hold".equals(fault.kind())) {
                        pacing.awaitRelease().run();
                    } else {
                        if ("stream_error".equals(fault.kind())) {
                            event(out, Wire.tgiError("Request failed during generation: Server error: CUDA out of memory",
                                    "generation").toString());
                        }
                        return; // stream_cut: no final event
                    }
                }
                boolean last = i == pieces.size() - 1;
                JsonObjectBuilder e = Json.createObjectBuilder().add("index", i + 1)
                        .add("token", Json.createObjectBuilder().add("id", 1000 + i).add("text", pieces.get(i))
                                .add("logprob", -0.25).add("special", false))
                        .addNull("top_tokens");
                if (last) {
                    e.add("generated_text", String.join("", pieces)).add("details", details(request, pieces.size()));
                } else {
                    e.addNull("generated_text").addNull("details");
                }
                event(out, e.build().toString());
                ChatStreamer.pause(pacing.chunkDelayMs());
            }
        } catch (IOException aborted) {
            pacing.onAbort().run();
        } finally {
            out.close();
        }
    }

    private static JsonObject details(JsonObject request, int generated) {
        int max = parameters(request).getInt("max_new_tokens", 20);
        return Json.createObjectBuilder().add("finish_reason", generated >= max ? "length" : "eos_token")
                .add("generated_tokens", generated).addNull("seed").build();
    }

    /** TGI writes {@code data:} without a space. */
    private static void event(OutputStream out, String data) throws IOException {
        out.write(("data:" + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }
}
