package io.novix.core.classification.entity;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Forbidden;
import io.novix.core.kernel.InvalidRequest;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A tenant's data classifications: the four built-in labels and its own, the label a call carries
 * when its caller names none, and the rules that keep labelled calls to some models and regions.
 */
public record ClassificationPolicy(String defaultLabel, List<String> customLabels, List<ClassificationRule> rules) {

    public static final List<String> BUILT_IN = List.of("public", "internal", "confidential", "restricted");
    public static final String DEFAULT = "internal";
    public static final ClassificationPolicy STANDARD = new ClassificationPolicy(DEFAULT, List.of(), List.of());
    private static final Pattern LABEL = Pattern.compile("^[a-z][a-z0-9_-]{0,63}$");
    private static final int MAX_CUSTOM = 20;
    private static final int MAX_RULES = 50;

    /** Validated: labels by grammar, no more than 20 of the tenant's own, rules only for known labels, one per label. */
    public ClassificationPolicy {
        customLabels = List.copyOf(customLabels);
        rules = List.copyOf(rules);
        if (customLabels.size() > MAX_CUSTOM) {
            throw invalid("at most " + MAX_CUSTOM + " labels of the tenant's own", "labels");
        }
        Set<String> known = new HashSet<>(BUILT_IN);
        for (String l : customLabels) {
            if (!validLabel(l) || !known.add(l)) {
                throw invalid("each label is 1-64 of a-z, 0-9, '_' and '-', starts with a letter, and is new", "labels");
            }
        }
        if (defaultLabel != null && !known.contains(defaultLabel)) {
            throw invalid("the default label must be a built-in label or one of the tenant's own", "defaultLabel");
        }
        if (rules.size() > MAX_RULES) {
            throw invalid("at most " + MAX_RULES + " rules", "rules");
        }
        Set<String> ruled = new HashSet<>();
        for (ClassificationRule r : rules) {
            if (!known.contains(r.label()) || !ruled.add(r.label())) {
                throw invalid("each rule names a known label, once", "rules");
            }
        }
    }

    public static boolean validLabel(String label) {
        return label != null && LABEL.matcher(label).matches();
    }

    /** Every label callers may send. */
    public List<String> labels() {
        List<String> all = new ArrayList<>(BUILT_IN);
        all.addAll(customLabels);
        return all;
    }

    /** The label of a call: the caller's ({@code X-Data-Classification}), or the tenant's default. */
    public String labelOf(String requested) {
        if (requested == null || requested.isBlank()) {
            return defaultLabel == null ? DEFAULT : defaultLabel;
        }
        String label = requested.strip().toLowerCase(java.util.Locale.ROOT);
        if (!labels().contains(label)) {
            throw new InvalidRequest(ErrorCode.INVALID_DATA_CLASSIFICATION, "X-Data-Classification must be one of "
                    + labels(), "X-Data-Classification");
        }
        return label;
    }

    /**
     * The regions a call with {@code label} for {@code model} may use within {@code allowed} (the tenant
     * policy's; empty: any): unchanged without a rule; refused (403 classification_not_allowed) when the
     * rule excludes the model or leaves no region.
     */
    public List<String> regionsFor(String label, String model, List<String> allowed) {
        Optional<ClassificationRule> rule = rules.stream().filter(r -> r.label().equals(label)).findFirst();
        if (rule.isEmpty()) {
            return allowed;
        }
        if (model != null && !rule.get().allowsModel(model)) {
            throw new Forbidden(ErrorCode.CLASSIFICATION_NOT_ALLOWED, "data classified '" + label + "' may not be sent to model '"
                    + model + "'");
        }
        List<String> only = rule.get().regions();
        if (only.isEmpty()) {
            return allowed;
        }
        List<String> narrowed = allowed.isEmpty() ? only : allowed.stream().filter(only::contains).toList();
        if (narrowed.isEmpty()) {
            throw new Forbidden(ErrorCode.CLASSIFICATION_NOT_ALLOWED, "data classified '" + label
                    + "' may only be processed in " + only + ", which the tenant's policy does not allow");
        }
        return narrowed;
    }

    private static InvalidRequest invalid(String message, String field) {
        return new InvalidRequest(ErrorCode.INVALID_FIELD, message, field);
    }
}
