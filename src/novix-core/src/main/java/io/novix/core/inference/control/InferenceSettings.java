package io.novix.core.inference.control;

import io.novix.core.inference.entity.InferenceDefaults;
import jakarta.annotation.PostConstruct;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.Config;

import java.util.logging.Logger;

/** The HF_* variables read once through MicroProfile Config (environment, system properties, files). */
@OneInstance
public class InferenceSettings {

    private static final Logger LOG = Logger.getLogger(InferenceSettings.class.getName());

    @Inject
    Config config;

    private InferenceDefaults defaults;

    @PostConstruct
    void load() {
        defaults = InferenceDefaults.from(name -> config.getOptionalValue(name, String.class));
        LOG.info(() -> "Novix inference settings: " + defaults);
    }

    public InferenceDefaults defaults() {
        return defaults;
    }
}
