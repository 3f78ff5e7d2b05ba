package io.novix.core.inference.entity;

import io.novix.core.routing.entity.ModelId;
import java.net.URI;
import java.util.Optional;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The product notes' HF_* variables, validated. Each bad value fails start-up with a message
 * naming the variable (never its value when it is the key).
 */
public record InferenceDefaults(String provider, String apiVersion, URI endpoint, Optional<String> apiKey,
                                String textModel, String imageModel, String asrModel, String embeddingModel,
                                int maxTokens, double temperature, double topP, int maxRetries) {

    private static final Pattern VERSION = Pattern.compile("^\\d+(\\.\\d+){0,2}$");

    /** Reads every variable through {@code source} (MicroProfile Config in the server). */
    public static InferenceDefaults from(Function<String, Optional<String>> source) {
        String provider = text(source, "AI_PROVIDER", "huggingface");
        if (!"huggingface".equals(provider)) {
            throw invalid("AI_PROVIDER", "must be 'huggingface' (the only provider Novix carries)");
        }
        String version = text(source, "HF_API_VERSION", "2.4");
        if (!VERSION.matcher(version).matches()) {
            throw invalid("HF_API_VERSION", "must look like 2.4");
        }
        URI endpoint = endpoint(text(source, "HF_ENTERPRISE_ENDPOINT", "https://router.huggingface.co"));
        Optional<String> key = source.apply("HF_API_KEY").map(String::strip).filter(k -> !k.isEmpty());
        if (key.isPresent() && (key.get().length() < 8 || key.get().chars().anyMatch(Character::isWhitespace))) {
            throw invalid("HF_API_KEY", "is set but is not a plausible token (value not shown)");
        }
        return new InferenceDefaults(provider, version, endpoint, key,
                model(source, "HF_TEXT_MODEL", "HuggingFaceH4/zephyr-7b-beta"),
                model(source, "HF_IMAGE_MODEL", "stabilityai/stable-diffusion-xl-base-1.0"),
                model(source, "HF_ASR_MODEL", "openai/whisper-large-v3"),
                model(source, "HF_EMBEDDING_MODEL", "BAAI/bge-small-en-v1.5"),
                (int) number(source, "HF_MAX_TOKENS", 8192, 1, 131_072, true),
                number(source, "HF_TEMPERATURE", 0.7, 0, 2, false),
                number(source, "HF_TOP_P", 0.95, 0.000_001, 1, false),
                (int) number(source, "HF_MAX_RETRIES", 5, 0, 10, true));
    }

    private static String text(Function<String, Optional<String>> source, String name, String fallback) {
        return source.apply(name).map(String::strip).filter(v -> !v.isEmpty()).orElse(fallback);
    }

    private static URI endpoint(String value) {
        try {
            URI uri = new URI(value);
            if (!("http".equals(uri.getScheme()) || "https".equals(uri.getScheme())) || uri.getHost() == null) {
                throw invalid("HF_ENTERPRISE_ENDPOINT", "must be an http(s) URL with a host, got '" + value + "'");
            }
            return uri;
        } catch (java.net.URISyntaxException e) {
            throw invalid("HF_ENTERPRISE_ENDPOINT", "is not a URL: '" + value + "'");
        }
    }

    private static String model(Function<String, Optional<String>> source, String name, String fallback) {
        String value = text(source, name, fallback);
        if (!ModelId.valid(value)) {
            throw invalid(name, "must be a Hugging Face model id like 'org/model' or 'org/model:provider', got '" + value + "'");
        }
        return value;
    }

    private static double number(Function<String, Optional<String>> source, String name, double fallback,
                                 double min, double max, boolean integral) {
        Optional<String> raw = source.apply(name).map(String::strip).filter(v -> !v.isEmpty());
        if (raw.isEmpty()) {
            return fallback;
        }
        double value;
        try {
            value = integral ? Integer.parseInt(raw.get()) : Double.parseDouble(raw.get());
        } catch (NumberFormatException e) {
            throw invalid(name, "must be " + (integral ? "an integer" : "a number") + ", got '" + raw.get() + "'");
        }
        if (!(value >= min && value <= max)) {
            throw invalid(name, "must be between " + min + " and " + max + ", got '" + raw.get() + "'");
        }
        return value;
    }

    private static IllegalStateException invalid(String variable, String problem) {
        return new IllegalStateException("Invalid configuration: " + variable + " " + problem);
    }

    @Override
    public String toString() {
        return "InferenceDefaults[provider=" + provider + ", apiVersion=" + apiVersion + ", endpoint=" + endpoint
                + ", apiKey=" + (apiKey.isPresent() ? "set" : "not set") + ", textModel=" + textModel
                + ", imageModel=" + imageModel + ", asrModel=" + asrModel + ", embeddingModel=" + embeddingModel
                + ", maxTokens=" + maxTokens + ", temperature=" + temperature
                + ", topP=" + topP + ", maxRetries=" + maxRetries + "]";
    }
}
