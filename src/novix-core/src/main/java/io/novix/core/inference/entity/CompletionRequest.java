package io.novix.core.inference.entity;

import io.novix.core.privacy.entity.Redactor;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.JsonInput;
import jakarta.json.JsonArray;
import jakarta.json.JsonObject;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.json.spi.JsonProvider;

import java.nio.charset.StandardCharsets;
import java.util.Set;

/**
 * An OpenAI legacy completion request ({@code POST /v1/completions}) as TGI and the router take it:
 * {@code prompt} a string or a list of strings (token-id prompts are refused: Novix meters text),
 * the HF_* defaults filled in where the caller left a parameter out, and the usage chunk always
 * asked for when streaming so tokens are metered exactly.
 */
public record CompletionRequest(JsonObject body, String model, int prompts, boolean streaming, boolean clientWantsUsage,
                                long estimatedPromptTokens) {

    private static final JsonProvider JSON = JsonProvider.provider();
    private static final Set<String> FIELDS = Set.of("model", "prompt", "suffix", "max_tokens", "temperature", "top_p", "n",
            "stream", "stream_options", "logprobs", "echo", "stop", "presence_penalty", "frequency_penalty", "best_of",
            "logit_bias", "user", "seed");
    private static final int MAX_PROMPTS = 64;

    public static CompletionRequest parse(byte[] raw, InferenceDefaults defaults) {
        JsonObject json = JsonInput.object(raw, FIELDS).json();
        String model = OpenAiFields.model(json, defaults.textModel());
        int prompts = checkPrompt(json.get("prompt"));
        boolean streaming = OpenAiFields.flag(json, "stream");
        boolean clientWantsUsage = OpenAiFields.includeUsage(json, streaming);
        if (streaming && prompts > 1) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "a streamed completion takes one prompt", "prompt");
        }
        OpenAiFields.range(json, "max_tokens", 1, 1_000_000, true);
        OpenAiFields.range(json, "temperature", 0, 2, false);
        OpenAiFields.range(json, "top_p", 0, 1, false);
        OpenAiFields.range(json, "n", 1, 1, true);
        OpenAiFields.range(json, "best_of", 1, 1, true);
        OpenAiFields.range(json, "seed", 0, Long.MAX_VALUE, true);
        OpenAiFields.flag(json, "echo");
        JsonObjectBuilder upstream = JSON.createObjectBuilder(json).add("model", model);
        if (streaming) {
            upstream.add("stream_options", JSON.createObjectBuilder().add("include_usage", true));
        }
        if (json.containsKey("max_tokens") && json.getJsonNumber("max_tokens").longValue() > defaults.maxTokens()) {
            upstream.add("max_tokens", defaults.maxTokens()); // the platform's ceiling
        }
        if (!json.containsKey("max_tokens")) {
            upstream.add("max_tokens", defaults.maxTokens());
        }
        if (!json.containsKey("temperature")) {
            upstream.add("temperature", defaults.temperature());
        }
        if (!json.containsKey("top_p")) {
            upstream.add("top_p", defaults.topP());
        }
        return new CompletionRequest(upstream.build(), model, prompts, streaming, clientWantsUsage,
                TokenEstimate.of(promptText(json.get("prompt"))));
    }

    private static int checkPrompt(JsonValue prompt) {
        if (prompt instanceof JsonString) {
            return 1;
        }
        if (prompt instanceof JsonArray list && !list.isEmpty() && list.size() <= MAX_PROMPTS) {
            for (JsonValue p : list) {
                if (!(p instanceof JsonString)) {
                    throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'prompt' must be a string or a list of strings (token ids are not accepted)", "prompt");
                }
            }
            return list.size();
        }
        throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'prompt' must be a string or a list of 1 to " + MAX_PROMPTS + " strings", "prompt");
    }

    private static String promptText(JsonValue prompt) {
        if (prompt instanceof JsonString s) {
            return s.getString();
        }
        StringBuilder all = new StringBuilder();
        prompt.asJsonArray().forEach(p -> all.append(((JsonString) p).getString()).append(' '));
        return all.toString();
    }

    /** The most completion tokens the upstream may produce, over every prompt (capped at the platform ceiling). */
    public long maxTokens() {
        return body.containsKey("max_tokens") ? body.getJsonNumber("max_tokens").longValue() * Math.max(1, prompts) : 0;
    }

    public byte[] upstreamBody() {
        return body.toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The upstream body asking for {@code routedModel} instead (a provider the tenant's policy allows). */
    public byte[] upstreamBody(String routedModel) {
        return JSON.createObjectBuilder(body).add("model", routedModel).build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The same request with personal data removed from its prompt(s) and suffix. */
    public CompletionRequest redacted(Redactor redactor) {
        return new CompletionRequest(redactor.json(body), model, prompts, streaming, clientWantsUsage, estimatedPromptTokens);
    }
}
