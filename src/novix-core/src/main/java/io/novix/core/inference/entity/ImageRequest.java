package io.novix.core.inference.entity;

import io.novix.core.privacy.entity.Redactor;
import io.novix.core.kernel.ErrorCode;
import static io.novix.hf.JsonBytes.JSON;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.JsonInput;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObjectBuilder;
import jakarta.json.JsonValue;

import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * An OpenAI {@code POST /v1/images/generations} request mapped to the text-to-image task. Novix
 * stores no images, so {@code response_format: url} answers a {@code data:} URL carrying the image.
 * Hugging Face's own knobs (negative_prompt, seed, num_inference_steps, guidance_scale) are accepted.
 */
public record ImageRequest(String model, String prompt, int n, int width, int height, boolean asUrl,
                           Optional<String> negativePrompt, Optional<Long> seed, Optional<Integer> steps,
                           Optional<Double> guidance) {

    private static final Set<String> FIELDS = Set.of("model", "prompt", "n", "size", "response_format", "quality",
            "style", "user", "negative_prompt", "seed", "num_inference_steps", "guidance_scale");
    private static final Pattern SIZE = Pattern.compile("^(\\d{2,4})x(\\d{2,4})$");
    private static final Set<String> OPENAI_ALIASES = Set.of("dall-e-2", "dall-e-3", "gpt-image-1");

    public static ImageRequest parse(byte[] raw, InferenceDefaults defaults) {
        JsonInput in = JsonInput.object(raw, FIELDS);
        String model = in.optionalString("model").filter(m -> !m.isBlank() && !OPENAI_ALIASES.contains(m))
                .orElse(defaults.imageModel());
        OpenAiFields.checkedModel(model);
        String prompt = in.requiredString("prompt");
        if (prompt.isBlank() || prompt.length() > 4000) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'prompt' must be 1-4000 characters", "prompt");
        }
        int n = (int) number(in, "n", 1, 4, true).orElse(1.0).doubleValue();
        int[] size = size(in.optionalString("size").orElse("1024x1024"));
        String format = in.optionalString("response_format").orElse("b64_json");
        if (!"b64_json".equals(format) && !"url".equals(format)) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'response_format' must be 'b64_json' or 'url'", "response_format");
        }
        in.optionalString("quality");
        in.optionalString("style");
        in.optionalString("user");
        return new ImageRequest(model, prompt, n, size[0], size[1], "url".equals(format),
                in.optionalString("negative_prompt"),
                number(in, "seed", 0, 4_294_967_295.0, true).map(Double::longValue),
                number(in, "num_inference_steps", 1, 500, true).map(Double::intValue),
                number(in, "guidance_scale", 0, 50, false));
    }

    private static int[] size(String size) {
        if ("auto".equals(size)) {
            return new int[] {1024, 1024};
        }
        Matcher m = SIZE.matcher(size);
        if (!m.matches()) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'size' must look like 1024x1024", "size");
        }
        int w = Integer.parseInt(m.group(1));
        int h = Integer.parseInt(m.group(2));
        if (w % 8 != 0 || h % 8 != 0 || w < 256 || h < 256 || w > 2048 || h > 2048) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'size' sides must be multiples of 8 between 256 and 2048", "size");
        }
        return new int[] {w, h};
    }

    private static Optional<Double> number(JsonInput in, String key, double min, double max, boolean integral) {
        JsonValue v = in.json().get(key);
        if (v == null || v == JsonValue.NULL) {
            return Optional.empty();
        }
        if (!(v instanceof JsonNumber n) || (integral && !n.isIntegral()) || n.doubleValue() < min || n.doubleValue() > max) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + key + "' must be a number between " + (long) min + " and " + (long) max, key);
        }
        return Optional.of(n.doubleValue());
    }

    /** The task body for image {@code index} of {@code n}; with a seed, each image gets its own (seed + index). */
    public byte[] upstreamBody(int index) {
        JsonObjectBuilder p = JSON.createObjectBuilder().add("width", width).add("height", height);
        negativePrompt.ifPresent(v -> p.add("negative_prompt", v));
        seed.ifPresent(v -> p.add("seed", v + index));
        steps.ifPresent(v -> p.add("num_inference_steps", v));
        guidance.ifPresent(v -> p.add("guidance_scale", v));
        return JSON.createObjectBuilder().add("inputs", prompt).add("parameters", p)
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** One image as the upstream answered it: its bytes and media type. */
    public record Image(byte[] bytes, String mediaType) {
    }

    /** The OpenAI answer: {@code {"created", "data":[{"b64_json"}|{"url"}]}}. */
    public byte[] answer(List<Image> images, long created) {
        JsonArrayBuilder data = JSON.createArrayBuilder();
        for (Image image : images) {
            String b64 = Base64.getEncoder().encodeToString(image.bytes());
            data.add(asUrl ? JSON.createObjectBuilder().add("url", "data:" + image.mediaType() + ";base64," + b64)
                    : JSON.createObjectBuilder().add("b64_json", b64));
        }
        return JSON.createObjectBuilder().add("created", created).add("data", data)
                .build().toString().getBytes(StandardCharsets.UTF_8);
    }

    /** The same request with personal data removed from the prompt and the negative prompt. */
    public ImageRequest redacted(Redactor redactor) {
        return new ImageRequest(model, redactor.text(prompt), n, width, height, asUrl, negativePrompt.map(redactor::text),
                seed, steps, guidance);
    }
}
