package io.novix.core.modelroute.entity;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A named route that picks the model for the caller (docs/cost-levers.md#adaptive-model-routing):
 * below {@code threshold} complexity the small model, else the large; the temperature is
 * {@code hotTemperature} above {@code hotAbove} complexity, else {@code temperature}, only where the
 * caller set none; and {@code max_tokens} is what the budget left buys at the chosen model's output
 * price, at most {@code maxTokens}. The product notes' rule is {@link #DEFAULT}.
 */
public record ModelRoute(String name, String smallModel, String largeModel, double threshold, double hotAbove,
                         double hotTemperature, double temperature, int maxTokens) {

    public static final String AUTO = "auto";
    private static final Pattern NAME = Pattern.compile("^[a-z][a-z0-9-]{1,39}$");
    public static final ModelRoute DEFAULT = new ModelRoute(AUTO, "HuggingFaceH4/zephyr-7b-beta",
            "mistralai/Mixtral-8x7B-Instruct-v0.1", 0.4, 0.6, 0.5, 0.8, 8192);

    public ModelRoute {
        if (name == null || !NAME.matcher(name).matches()) {
            throw invalid("a route's name is 2–40 lower-case letters, digits and dashes, starting with a letter", "name");
        }
        if (smallModel == null || smallModel.isBlank() || largeModel == null || largeModel.isBlank()) {
            throw invalid("a route names its small and large models", "smallModel");
        }
        if (!(threshold >= 0 && threshold <= 1) || !(hotAbove >= 0 && hotAbove <= 1)) {
            throw invalid("thresholds are complexities in [0, 1]", "threshold");
        }
        if (!(hotTemperature >= 0 && hotTemperature <= 2) || !(temperature >= 0 && temperature <= 2)) {
            throw invalid("temperatures are in [0, 2]", "temperature");
        }
        if (maxTokens < 1 || maxTokens > 1_000_000) {
            throw invalid("maxTokens is in [1, 1000000]", "maxTokens");
        }
    }

    /**
     * The route's decision for a prompt. {@code budgetLeftUsd} is null when the tenant has no budget;
     * {@code outputPer1kUsd} is the chosen model's output price (zero: unpriced, no cap from the budget).
     */
    public Decision decide(Complexity complexity, BigDecimal budgetLeftUsd, java.util.function.Function<String, BigDecimal> outputPer1kUsd) {
        boolean large = complexity.score() >= threshold;
        String model = large ? largeModel : smallModel;
        String rule = (large ? "complexity>=" : "complexity<") + fmt(threshold);
        int tokens = maxTokens;
        BigDecimal price = outputPer1kUsd.apply(model);
        if (budgetLeftUsd != null && price != null && price.signum() > 0) {
            BigDecimal affordable = budgetLeftUsd.max(BigDecimal.ZERO).multiply(BigDecimal.valueOf(1000))
                    .divide(price, 0, RoundingMode.DOWN);
            if (affordable.compareTo(BigDecimal.valueOf(tokens)) < 0) {
                tokens = Math.max(1, affordable.intValue());
                rule += ";budget-capped";
            }
        }
        double temp = complexity.score() > hotAbove ? hotTemperature : temperature;
        return new Decision(name, model, complexity, rule, tokens, temp);
    }

    /**
     * What a route chose, and why; {@link #header} is the {@code X-Novix-Route} value. {@code complexity}
     * is null when no prompt was scored (a named model served by its quantized variant).
     */
    public record Decision(String route, String model, Complexity complexity, String rule, int maxTokens, double temperature) {
        public String header() {
            return "route=" + route + "; model=" + model + (complexity == null ? "" : "; complexity=" + complexity.formatted())
                    + "; rule=" + rule;
        }

        /** The same decision served by the chosen model's quantized variant. */
        public Decision quantized(String variant) {
            return new Decision(route, variant, complexity, rule + ";quantized-variant-of=" + model, maxTokens, temperature);
        }

        /** A named model served by its quantized variant: no route, no score, the request's own settings. */
        public static Decision variantOf(String model, String variant) {
            return new Decision("model", variant, null, "quantized-variant-of=" + model, 0, -1);
        }
    }

    private static String fmt(double v) {
        return String.format(Locale.ROOT, "%.2f", v);
    }

    private static InvalidRequest invalid(String message, String param) {
        return new InvalidRequest(ErrorCode.INVALID_FIELD, message, param);
    }
}
