package io.novix.sim;

import com.sun.net.httpserver.HttpExchange;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;

/**
 * The router's streaming chat completion: one {@code data: {chunk}} event per token, a final
 * chunk with finish_reason, an optional usage chunk ({@code stream_options.include_usage}) and
 * {@code data: [DONE]}. Scripted faults cut the stream or put an error event in the middle.
 */
final class ChatStreamer {

    private ChatStreamer() {
    }

    /** What a stream needs from the simulator: pacing, the test's hold latch, and a place to report aborts. */
    record Pacing(long chunkDelayMs, Runnable awaitRelease, Runnable onAbort) {
    }

    static void stream(HttpExchange ex, JsonObject request, Fault fault, Pacing pacing) throws IOException {
        try {
            write(ex, request, fault, pacing);
        } catch (IOException aborted) {
            pacing.onAbort().run(); // the reader went away: the gateway cancelled the stream
        }
    }

    private static void write(HttpExchange ex, JsonObject request, Fault fault, Pacing pacing) throws IOException {
        String id = "chatcmpl-" + UUID.randomUUID().toString().replace("-", "");
        long created = System.currentTimeMillis() / 1000;
        String model = request.getString("model");
        List<String> pieces = TextTokens.pieces(ChatResponder.answerFor(request));
        int maxTokens = request.getInt("max_tokens", Integer.MAX_VALUE);
        boolean cut = pieces.size() > maxTokens;
        List<String> emitted = cut ? pieces.subList(0, maxTokens) : pieces;
        boolean usage = request.getJsonObject("stream_options") != null
                && request.getJsonObject("stream_options").getBoolean("include_usage", false);

        ex.getResponseHeaders().set("Content-Type", "text/event-stream");
        ex.getResponseHeaders().set("Cache-Control", "no-cache");
        ex.sendResponseHeaders(200, 0);
        OutputStream out = ex.getResponseBody();
        for (int i = 0; i < emitted.size(); i++) {
            if (fault != null && i == fault.afterChunks() && "stream_hold".equals(fault.kind())) {
                pacing.awaitRelease().run();
            } else if (fault != null && i == fault.afterChunks()) {
                if ("stream_error".equals(fault.kind())) {
                    event(out, Json.createObjectBuilder().add("error", "Request failed during generation: CUDA out of memory")
                            .add("error_type", "generation").build().toString());
                }
                out.close(); // stream_cut: the body ends without finish_reason or [DONE]
                return;
            }
            JsonObjectBuilder delta = Json.createObjectBuilder().add("content", emitted.get(i));
            if (i == 0) {
                delta.add("role", "assistant");
            }
            event(out, chunk(id, created, model, delta.build(), null).toString());
            pause(pacing.chunkDelayMs());
        }
        event(out, chunk(id, created, model, JsonValue.EMPTY_JSON_OBJECT, cut ? "length" : "stop").toString());
        if (usage) {
            int prompt = ChatResponder.promptTokens(request);
            event(out, Json.createObjectBuilder().add("id", id).add("object", "chat.completion.chunk").add("created", created)
                    .add("model", model).add("choices", Json.createArrayBuilder())
                    .add("usage", Json.createObjectBuilder().add("prompt_tokens", prompt)
                            .add("completion_tokens", emitted.size()).add("total_tokens", prompt + emitted.size()))
                    .build().toString());
        }
        event(out, "[DONE]");
        out.close();
    }

    private static JsonObject chunk(String id, long created, String model, JsonObject delta, String finish) {
        JsonObjectBuilder choice = Json.createObjectBuilder().add("index", 0).add("delta", delta).add("logprobs", JsonValue.NULL);
        if (finish == null) {
            choice.addNull("finish_reason");
        } else {
            choice.add("finish_reason", finish);
        }
        return Json.createObjectBuilder().add("id", id).add("object", "chat.completion.chunk").add("created", created)
                .add("model", model).add("system_fingerprint", "3.2.3-sha-a1f3ebe")
                .add("choices", Json.createArrayBuilder().add(choice)).addNull("usage").build();
    }

    /** One SSE event as the router frames it ({@code data: …} and a blank line), flushed at once. */
    static void event(OutputStream out, String data) throws IOException {
        out.write(("data: " + data + "\n\n").getBytes(StandardCharsets.UTF_8));
        out.flush();
    }

    static void pause(long millis) {
        if (millis > 0) {
            try {
                Thread.sleep(millis); // simulated generation speed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
