package io.novix.core.inference.control;

import io.novix.core.inference.entity.InferenceDefaults;
import io.novix.hf.ChatOutcome;
import io.novix.hf.HfClient;
import io.novix.hf.HfClientConfig;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/** The configured Hugging Face upstream, reached through the asynchronous hf-client. */
@ApplicationScoped
public class Upstream {

    @Inject
    InferenceSettings settings;

    @Resource
    ManagedExecutorService executor;

    @Inject
    @ConfigProperty(name = "novix.upstream.backoff-base", defaultValue = "PT0.5S")
    Duration backoffBase;

    @Inject
    @ConfigProperty(name = "novix.upstream.backoff-max", defaultValue = "PT20S")
    Duration backoffMax;

    private HfClient client;

    @PostConstruct
    void connect() {
        InferenceDefaults d = settings.defaults();
        HfClientConfig config = HfClientConfig.defaults(d.endpoint(), d.apiKey(), d.maxRetries())
                .withBackoff(backoffBase, backoffMax);
        client = new HfClient(config, executor);
    }

    public CompletableFuture<ChatOutcome> chat(byte[] body) {
        return client.chatCompletion(body);
    }
}
