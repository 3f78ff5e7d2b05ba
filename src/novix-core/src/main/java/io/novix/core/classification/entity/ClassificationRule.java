package io.novix.core.classification.entity;

import java.util.List;

/**
 * Where calls carrying {@code label} may go: only to {@code models} and only in {@code regions}
 * (an empty list leaves that side open). A rule never widens the tenant's policy; it narrows it.
 */
public record ClassificationRule(String label, List<String> models, List<String> regions) {

    public ClassificationRule {
        models = List.copyOf(models);
        regions = List.copyOf(regions);
    }

    boolean allowsModel(String model) {
        int colon = model.indexOf(':'); // a provider suffix does not make another model
        return models.isEmpty() || models.contains(colon < 0 ? model : model.substring(0, colon));
    }
}
