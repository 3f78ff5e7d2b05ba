package io.novix.core.inference.entity;

import io.novix.core.privacy.entity.Redactor;
import io.novix.core.kernel.ErrorCode;
import static io.novix.hf.JsonBytes.JSON;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.JsonInput;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * An OpenAI-format chat completion request, checked against the fields the OpenAI and Hugging
 * Face APIs define, with the HF_* defaults filled in where the caller left a parameter out.
 */
public final class ChatRequest {

    private static final Set<String> FIELDS = Set.of("model", "messages", "max_tokens", "max_completion_tokens",
            "temperature", "top_p", "n", "stream", "stream_options", "stop", "presence_penalty", "frequency_penalty",
            "logit_bias", "logprobs", "top_logprobs", "seed", "response_format", "tools", "tool_choice",
            "tool_prompt", "parallel_tool_calls", "user", "metadata", "store", "service_tier", "reasoning_effort",
            "modalities", "prediction", "audio", "web_search_options");
    private static final Set<String> ROLES = Set.of("system", "developer", "user", "assistant", "tool", "function");
    private static final int MAX_MESSAGES = 4096;

    private final JsonObject body;
    private final String model;
    private final boolean streaming;
    private final boolean clientWantsUsage;
    private final boolean callerSetTemperature;

    private ChatRequest(JsonObject body, String model, boolean streaming, boolean clientWantsUsage, boolean callerSetTemperature) {
        this.body = body;
        this.model = model;
        this.streaming = streaming;
        this.clientWantsUsage = clientWantsUsage;
        this.callerSetTemperature = callerSetTemperature;
    }

    public static ChatRequest parse(byte[] raw, InferenceDefaults defaults) {
        JsonObject json = JsonInput.object(raw, FIELDS).json();
        String model = OpenAiFields.model(json, defaults.textModel());
        checkMessages(json.get("messages"));
        boolean streaming = OpenAiFields.flag(json, "stream");
        boolean clientWantsUsage = OpenAiFields.includeUsage(json, streaming);
        OpenAiFields.range(json, "max_tokens", 1, 1_000_000, true);
        OpenAiFields.range(json, "max_completion_tokens", 1, 1_000_000, true);
        OpenAiFields.range(json, "temperature", 0, 2, false);
        OpenAiFields.range(json, "top_p", 0, 1, false);
        OpenAiFields.range(json, "n", 1, 1, true);
        JsonObjectBuilder upstream = JSON.createObjectBuilder(json).add("model", model);
        if (streaming) {
            // always ask for the usage chunk so streamed tokens are metered exactly
            upstream.add("stream_options", JSON.createObjectBuilder().add("include_usage", true));
        }
        if (!json.containsKey("max_tokens") && !json.containsKey("max_completion_tokens")) {
            upstream.add("max_tokens", defaults.maxTokens());
        }
        // HF_MAX_TOKENS is the platform's ceiling, not only a default: a larger ask is cut to it
        for (String field : new String[]{"max_tokens", "max_completion_tokens"}) {
            if (json.containsKey(field) && json.getJsonNumber(field).longValue() > defaults.maxTokens()) {
                upstream.add(field, defaults.maxTokens());
            }
        }
        if (!json.containsKey("temperature")) {
            upstream.add("temperature", defaults.temperature());
        }
        if (!json.containsKey("top_p")) {
            upstream.add("top_p", defaults.topP());
        }
        return new ChatRequest(upstream.build(), model, streaming, clientWantsUsage, json.containsKey("temperature"));
    }

    /**
     * The request as a model route decided it: the chosen model, max_tokens no more than the route
     * allows (the caller's own smaller value kept), and the route's temperature where the caller set none.
     */
    public ChatRequest routed(String chosenModel, int routeMaxTokens, double routeTemperature) {
        JsonObjectBuilder b = JSON.createObjectBuilder(body).add("model", chosenModel);
        if (routeMaxTokens <= 0) { // another model only (a quantized variant): the request's own settings stay
            return new ChatRequest(b.build(), chosenModel, streaming, clientWantsUsage, callerSetTemperature);
        }
        boolean any = false;
        for (String field : new String[]{"max_tokens", "max_completion_tokens"}) {
            if (body.containsKey(field)) {
                any = true;
                if (body.getJsonNumber(field).longValue() > routeMaxTokens) {
                    b.add(field, routeMaxTokens);
                }
            }
        }
        if (!any) {
            b.add("max_tokens", routeMaxTokens);
        }
        if (!callerSetTemperature) {
            b.add("temperature", routeTemperature);
        }
        return new ChatRequest(b.build(), chosenModel, streaming, clientWantsUsage, callerSetTemperature);
    }

    /** Fields that change how an answer is delivered or labelled, not what it says: left out of the cache key. */
    private static final Set<String> NOT_KEYED = Set.of("stream", "stream_options", "user", "metadata", "store");

    /** The request the response cache keys on: its fields in a canonical order, delivery fields left out. */
    public byte[] cacheForm() {
        StringBuilder out = new StringBuilder();
        canonical(body, out, true);
        return out.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** Temperature 0 or a seed: the same request gets the same answer. */
    public boolean deterministic() {
        return body.containsKey("seed") && body.get("seed") != JsonValue.NULL
                || body.get("temperature") instanceof JsonNumber t && t.doubleValue() == 0;
    }

    private static void canonical(JsonValue v, StringBuilder out, boolean top) {
        if (v instanceof JsonObject o) {
            out.append('{');
            boolean first = true;
            for (String k : new java.util.TreeSet<>(o.keySet())) {
                if (top && NOT_KEYED.contains(k)) {
                    continue;
                }
                if (!first) {
                    out.append(',');
                }
                first = false;
                out.append(JSON.createValue(k)).append(':');
                canonical(o.get(k), out, false);
            }
            out.append('}');
        } else if (v instanceof JsonArray a) {
            out.append('[');
            for (int i = 0; i < a.size(); i++) {
                if (i > 0) {
                    out.append(',');
                }
                canonical(a.get(i), out, false);
            }
            out.append(']');
        } else if (v instanceof JsonNumber n) {
            out.append(n.bigDecimalValue().stripTrailingZeros().toPlainString()); // 0.50 and 0.5 are one request
        } else {
            out.append(v.toString());
        }
    }

    /** Every message's text, in order, as a route scores it. */
    public String promptText() {
        StringBuilder all = new StringBuilder();
        for (JsonValue m : body.getJsonArray("messages")) {
            if (all.length() > 0) {
                all.append('\n');
            }
            all.append(text(m.asJsonObject().get("content")));
        }
        return all.toString();
    }

    public boolean streaming() {
        return streaming;
    }

    /** The most completion tokens the upstream may produce (capped at the platform ceiling). */
    public long maxTokens() {
        long max = 0;
        for (String field : new String[]{"max_tokens", "max_completion_tokens"}) {
            if (body.containsKey(field)) {
                max = Math.max(max, body.getJsonNumber(field).longValue());
            }
        }
        return max;
    }

    /**
     * The prompt's tokens by the gateway's estimate (TokenEstimate on every message's text, plus
     * the four tokens of framing OpenAI counts per message): what a cut stream is charged when the
     * upstream never sent its usage.
     */
    public long estimatedPromptTokens() {
        long tokens = 0;
        for (JsonValue m : body.getJsonArray("messages")) {
            tokens += 4 + TokenEstimate.of(text(m.asJsonObject().get("content")));
        }
        return tokens;
    }

    private static String text(JsonValue content) {
        if (content instanceof JsonString s) {
            return s.getString();
        }
        StringBuilder all = new StringBuilder();
        if (content instanceof JsonArray parts) {
            for (JsonValue part : parts) {
                if (part instanceof JsonObject o && o.get("text") instanceof JsonString t) {
                    all.append(t.getString());
                }
            }
        }
        return all.toString();
    }

    /** Whether the caller asked for the final usage chunk (Novix always asks the upstream for it). */
    public boolean clientWantsUsage() {
        return clientWantsUsage;
    }

    public String model() {
        return model;
    }

    public JsonObject body() {
        return body;
    }

    public byte[] upstreamBody() {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The upstream body asking for {@code routedModel} instead (a provider the tenant's policy allows). */
    public byte[] upstreamBody(String routedModel) {
        return JSON.createObjectBuilder(body).add("model", routedModel).build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void checkMessages(JsonValue value) {
        if (!(value instanceof JsonArray messages) || messages.isEmpty()) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'messages' must be a non-empty array", "messages");
        }
        if (messages.size() > MAX_MESSAGES) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'messages' holds more than " + MAX_MESSAGES + " entries", "messages");
        }
        for (int i = 0; i < messages.size(); i++) {
            String param = "messages[" + i + "]";
            if (!(messages.get(i) instanceof JsonObject m)) {
                throw new InvalidRequest(ErrorCode.INVALID_FIELD, param + " must be an object", param);
            }
            if (!(m.get("role") instanceof JsonString role) || !ROLES.contains(role.getString())) {
                throw new InvalidRequest(ErrorCode.INVALID_FIELD, param + ".role must be one of " + ROLES, param + ".role");
            }
            JsonValue content = m.get("content");
            boolean ok = content instanceof JsonString || content instanceof JsonArray
                    || ((content == null || content == JsonValue.NULL) && "assistant".equals(role.getString()));
            if (!ok) {
                throw new InvalidRequest(ErrorCode.INVALID_FIELD, param + ".content must be a string or an array of parts", param + ".content");
            }
        }
    }

    /** The same request with personal data removed from its content (messages, tool text), not its settings. */
    public ChatRequest redacted(Redactor redactor) {
        return new ChatRequest(redactor.json(body), model, streaming, clientWantsUsage, callerSetTemperature);
    }
}
