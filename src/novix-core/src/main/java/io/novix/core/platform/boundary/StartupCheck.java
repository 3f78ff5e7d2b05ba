package io.novix.core.platform.boundary;

import io.novix.core.inference.control.InferenceSettings;
import jakarta.annotation.PostConstruct;
import jakarta.ejb.Singleton;
import jakarta.ejb.Startup;
import jakarta.inject.Inject;

/**
 * Fails the application's start when a configuration variable is invalid, so a bad HF_* value is
 * found at deploy time with the variable's name, not at the first request.
 */
@Startup
@Singleton
public class StartupCheck {

    @Inject
    InferenceSettings settings;

    @PostConstruct
    void check() {
        settings.defaults();
    }
}
