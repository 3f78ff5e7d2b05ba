package io.novix.core.inference.boundary;

import io.novix.core.inference.control.InferenceSettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.ejb.EJBException;
import jakarta.inject.Inject;
import io.novix.core.routing.boundary.ModelEndpoints;

import java.util.logging.Logger;

/**
 * Fails the application's start when a configuration variable is invalid, so a bad HF_* value is
 * found at deploy time with the variable's name, not at the first request. Also lists the default
 * text and image models as served by the router, so the admin API shows them.
 */
@Startup
@Singleton
public class StartupCheck {

    private static final Logger LOG = Logger.getLogger(StartupCheck.class.getName());

    @Inject
    InferenceSettings settings;

    @Inject
    ModelEndpoints endpoints;

    @Inject
    org.eclipse.microprofile.config.Config config;

    @PostConstruct
    void check() {
        var defaults = settings.defaults();
        String region = config.getOptionalValue("HF_ROUTER_REGION", String.class).map(String::strip).orElse("global");
        if (!io.novix.core.routing.entity.ModelEndpoint.isRegion(region)) {
            throw new IllegalStateException("HF_ROUTER_REGION must look like 'eu-west-1' or 'global'");
        }
        try {
            endpoints.seedRouterEndpoint(defaults.textModel(), "chat-completion", region);
            endpoints.seedRouterEndpoint(defaults.imageModel(), "text-to-image", region);
            endpoints.seedRouterEndpoint(defaults.asrModel(), "automatic-speech-recognition", region);
            endpoints.seedRouterEndpoint(defaults.embeddingModel(), "feature-extraction", region);
        } catch (EJBException e) {
            // another instance seeded the same rows at the same moment: theirs will do
            LOG.info("default model endpoints already being seeded elsewhere: " + e.getMessage());
        }
    }
}
