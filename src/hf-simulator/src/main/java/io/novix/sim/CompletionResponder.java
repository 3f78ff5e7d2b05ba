package io.novix.sim;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * TGI's (and the router's) OpenAI-compatible legacy completions, {@code POST /v1/completions}: a
 * {@code prompt} string or list of strings, one choice per prompt, usage; with {@code stream} the
 * {@code text_completion} chunks, a usage chunk when asked, and {@code data: [DONE]}. Deterministic
 * text ("Simulated continuation of: …") cut at {@code max_tokens} with finish_reason "length".
 */
final class CompletionResponder {

    private CompletionResponder() {
    }

    static void answer(HttpExchange ex, JsonObject request, Fault fault, ChatStreamer.Pacing pacing) throws IOException {
        List<String> prompts = prompts(request);
        if (!(request.get("model") instanceof JsonString) || prompts == null) {
            Wire.send(ex, 422, Wire.tgiError("Input validation error: `prompt` must be a string or a list of strings", "validation"));
            return;
        }
        int maxTokens = request.getInt("max_tokens", 100);
        if (maxTokens < 1) {
            Wire.send(ex, 422, Wire.tgiError("Input validation error: `max_tokens` must be strictly positive", "validation"));
            return;
        }
        if (request.get("stream") == JsonValue.TRUE) {
            try {
                stream(ex, request, prompts.get(0), maxTokens, fault, pacing);
            } catch (IOException aborted) {
                pacing.onAbort().run();
            }
            return;
        }
        JsonArrayBuilder choices = Json.createArrayBuilder();
        int prompt = 0;
        int completion = 0;
        for (int i = 0; i < prompts.size(); i++) {
            String text = continuation(request, prompts.get(i));
            boolean cut = TextTokens.count(text) > maxTokens;
            String out = cut ? TextTokens.firstTokens(text, maxTokens) : text;
            prompt += TextTokens.count(prompts.get(i));
            completion += cut ? maxTokens : TextTokens.count(text);
            choices.add(Json.createObjectBuilder().add("index", i).add("text", out).add("logprobs", JsonValue.NULL)
                    .add("finish_reason", cut ? "length" : "stop"));
        }
        Wire.send(ex, 200, Json.createObjectBuilder().add("id", "cmpl-" + UUID.randomUUID().toString().replace("-", ""))
                .add("object", "text_completion").add("created", System.currentTimeMillis() / 1000)
                .add("model", request.getString("model")).add("system_fingerprint", "3.2.3-sha-a1f3ebe")
                .add("choices", choices).add("usage", usage(prompt, completion)).build());
    }

    private static void stream(HttpExchange ex, JsonObject request, String prompt, int maxTokens, Fault fault,
                               ChatStreamer.Pacing pacing) throws IOException {
        String id = "cmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = System.currentTimeMillis() / 1000;
        List<String> pieces = TextTokens.pieces(continuation(request, prompt));
        boolean cut = pieces.size() > maxTokens;
        List<String> emitted = cut ? pieces.subList(0, maxTokens) : pieces;
        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        for (int i = 0; i < emitted.size(); i++) {
            if (fault != null && i == fault.afterChunks() && fault.kind().startsWith("stream_")) {
                if ("stream_error".equals(fault.kind())) {
                    ChatStreamer.event(out, Json.createObjectBuilder().add("error", "Request failed during generation: CUDA out of memory")
                            .add("error_type", "generation").build().toString());
                }
                out.close();
                return;
            }
            ChatStreamer.event(out, chunk(id, created, request.getString("model"), emitted.get(i), null));
            ChatStreamer.pause(pacing.chunkDelayMs());
        }
        ChatStreamer.event(out, chunk(id, created, request.getString("model"), "", cut ? "length" : "stop"));
        JsonObject options = request.getJsonObject("stream_options");
        if (options != null && options.getBoolean("include_usage", false)) {
            ChatStreamer.event(out, Json.createObjectBuilder().add("id", id).add("object", "text_completion").add("created", created)
                    .add("model", request.getString("model")).add("choices", Json.createArrayBuilder())
                    .add("usage", usage(TextTokens.count(prompt), emitted.size())).build().toString());
        }
        ChatStreamer.event(out, "[DONE]");
        out.close();
    }

    private static String chunk(String id, long created, String model, String text, String finish) {
        var choice = Json.createObjectBuilder().add("index", 0).add("text", text).add("logprobs", JsonValue.NULL);
        if (finish == null) {
            choice.addNull("finish_reason");
        } else {
            choice.add("finish_reason", finish);
        }
        return Json.createObjectBuilder().add("id", id).add("object", "text_completion").add("created", created)
                .add("model", model).add("choices", Json.createArrayBuilder().add(choice)).build().toString();
    }

    private static JsonObject usage(int prompt, int completion) {
        return Json.createObjectBuilder().add("prompt_tokens", prompt).add("completion_tokens", completion)
                .add("total_tokens", prompt + completion).build();
    }

    static String continuation(JsonObject request, String prompt) {
        return "Simulated continuation from " + request.getString("model") + " of: " + prompt;
    }

    private static List<String> prompts(JsonObject request) {
        JsonValue p = request.get("prompt");
        if (p instanceof JsonString s) {
            return List.of(s.getString());
        }
        if (p instanceof JsonArray a && !a.isEmpty()) {
            List<String> list = new ArrayList<>();
            for (JsonValue v : a) {
                if (!(v instanceof JsonString s)) {
                    return null;
                }
                list.add(s.getString());
            }
            return list;
        }
        return null;
    }
}
