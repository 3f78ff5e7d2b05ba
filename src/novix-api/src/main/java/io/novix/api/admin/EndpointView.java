package io.novix.api.admin;

import io.novix.core.routing.entity.ModelEndpoint;

import java.time.Instant;
import java.util.UUID;

/**
 * A model endpoint as the admin API shows it; {@code baseUrl} null means the configured router,
 * {@code dedicatedTo} null a shared endpoint.
 */
public record EndpointView(UUID id, String modelId, String task, String kind, String baseUrl, String region,
                           int priority, boolean enabled, boolean trustedPrivate, boolean keyAllowed, UUID dedicatedTo,
                           boolean sovereign, Instant createdAt) {

    public static EndpointView of(ModelEndpoint e) {
        return new EndpointView(e.id(), e.modelId(), e.task(), e.kind().name(), e.baseUrl().orElse(null), e.region(),
                e.priority(), e.enabled(), e.trustedPrivate(), e.keyAllowed(), e.dedicatedTo(), e.sovereign(),
                e.createdAt());
    }
}
