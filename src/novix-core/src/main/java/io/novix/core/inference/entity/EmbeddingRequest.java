package io.novix.core.inference.entity;

import io.novix.core.privacy.entity.Redactor;
import io.novix.core.kernel.ErrorCode;
import static io.novix.hf.JsonBytes.JSON;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.JsonInput;
import jakarta.json.JsonArray;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;

/**
 * An OpenAI {@code POST /v1/embeddings} request, and the OpenAI answer built from the vectors a
 * TEI server or the feature-extraction task returned. {@code encoding_format: base64} is what the
 * OpenAI Python SDK sends by default: little-endian float32, base64-encoded.
 */
public record EmbeddingRequest(String model, List<String> inputs, boolean base64) {

    private static final Set<String> FIELDS = Set.of("model", "input", "encoding_format", "dimensions", "user");
    static final int MAX_INPUTS = 2048;
    static final int MAX_CHARS = 200_000;

    public static EmbeddingRequest parse(byte[] raw, InferenceDefaults defaults) {
        JsonInput in = JsonInput.object(raw, FIELDS);
        String model = in.optionalString("model").filter(m -> !m.isBlank()).orElse(defaults.embeddingModel());
        OpenAiFields.checkedModel(model);
        if (in.json().containsKey("dimensions") && in.json().get("dimensions") != JsonValue.NULL) {
            throw new InvalidRequest(ErrorCode.UNSUPPORTED_PARAMETER,
                    "'dimensions' is not supported: Hugging Face embedding models have a fixed size", "dimensions");
        }
        String format = in.optionalString("encoding_format").orElse("float");
        if (!"float".equals(format) && !"base64".equals(format)) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'encoding_format' must be 'float' or 'base64'", "encoding_format");
        }
        in.optionalString("user");
        return new EmbeddingRequest(model, inputs(in.json().get("input")), "base64".equals(format));
    }

    private static List<String> inputs(JsonValue input) {
        List<String> inputs = new ArrayList<>();
        if (input instanceof JsonString s) {
            inputs.add(s.getString());
        } else if (input instanceof JsonArray a && !a.isEmpty()) {
            for (JsonValue v : a) {
                if (!(v instanceof JsonString s)) {
                    throw new InvalidRequest(ErrorCode.UNSUPPORTED_INPUT, "'input' must be a string or an array of strings"
                            + " (token-id input is not supported: Hugging Face models use their own tokenizers)", "input");
                }
                inputs.add(s.getString());
            }
        } else {
            throw new InvalidRequest(input == null ? ErrorCode.MISSING_FIELD : ErrorCode.INVALID_FIELD,
                    "'input' must be a non-empty string or array of strings", "input");
        }
        if (inputs.size() > MAX_INPUTS) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'input' may hold at most " + MAX_INPUTS + " strings", "input");
        }
        for (String s : inputs) {
            if (s.isEmpty() || s.length() > MAX_CHARS) {
                throw new InvalidRequest(ErrorCode.INVALID_FIELD, "each input must be 1-" + MAX_CHARS + " characters", "input");
            }
        }
        return List.copyOf(inputs);
    }

    /** TEI's {@code /embed} body; the feature-extraction task takes the same fields. */
    public byte[] upstreamBody() {
        JsonArrayBuilder list = JSON.createArrayBuilder();
        inputs.forEach(list::add);
        return JSON.createObjectBuilder().add("inputs", list).add("normalize", true).add("truncate", false)
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    public long estimatedTokens() {
        return inputs.stream().mapToLong(TokenEstimate::of).sum();
    }

    /** The OpenAI list answer; null when the upstream sent a different number of vectors than inputs. */
    public byte[] answer(List<float[]> vectors, long promptTokens) {
        if (vectors.size() != inputs.size()) {
            return null;
        }
        JsonArrayBuilder data = JSON.createArrayBuilder();
        for (int i = 0; i < vectors.size(); i++) {
            JsonObject item = JSON.createObjectBuilder().add("object", "embedding").add("index", i)
                    .add("embedding", base64 ? JSON.createValue(encode(vectors.get(i))) : array(vectors.get(i)).build()).build();
            data.add(item);
        }
        return JSON.createObjectBuilder().add("object", "list").add("data", data).add("model", model)
                .add("usage", JSON.createObjectBuilder().add("prompt_tokens", promptTokens).add("total_tokens", promptTokens))
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    private static JsonArrayBuilder array(float[] vector) {
        JsonArrayBuilder out = JSON.createArrayBuilder();
        for (float f : vector) {
            out.add(f);
        }
        return out;
    }

    private static String encode(float[] vector) {
        ByteBuffer buffer = ByteBuffer.allocate(vector.length * 4).order(ByteOrder.LITTLE_ENDIAN);
        for (float f : vector) {
            buffer.putFloat(f);
        }
        return Base64.getEncoder().encodeToString(buffer.array());
    }

    /** The same request with personal data removed from every input. */
    public EmbeddingRequest redacted(Redactor redactor) {
        return new EmbeddingRequest(model, inputs.stream().map(redactor::text).toList(), base64);
    }
}
