package io.novix.core.routing.boundary;

/** What an administrator submits to register a model endpoint; validated by ModelEndpoint. */
public record NewEndpoint(String modelId, String task, String kind, String baseUrl, String region, Integer priority,
                          boolean trustedPrivate, java.util.UUID dedicatedTo, boolean sovereign) {
}
