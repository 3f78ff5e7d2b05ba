package io.novix.core.inference.control;

import io.novix.core.inference.entity.InferenceDefaults;
import io.novix.hf.ChatOutcome;
import io.novix.hf.HfClient;
import io.novix.hf.HfClientConfig;
import io.novix.hf.SseListener;
import io.novix.hf.StreamOutcome;
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

    @Inject
    @ConfigProperty(name = "novix.upstream.chunk-timeout", defaultValue = "PT30S")
    Duration chunkTimeout;

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

    public CompletableFuture<StreamOutcome> chatStream(byte[] body, SseListener listener) {
        return client.chatCompletionStream(body, listener);
    }

    /** Where calls go, as recorded in audit rows (never with credentials). */
    public String endpoint() {
        return client.config().baseUrl().toString();
    }

    /** How long a stream may stay silent before it is given up (per chunk). */
    public Duration chunkTimeout() {
        return chunkTimeout;
    }
}
