package io.novix.core.inference.control;

import io.novix.core.credentials.boundary.UpstreamCredentials;
import io.novix.core.credentials.entity.SecretText;
import io.novix.core.inference.entity.InferenceDefaults;
import io.novix.hf.AsyncPosts;
import io.novix.hf.BlockingPosts;
import io.novix.hf.ChatOutcome;
import io.novix.hf.HfClient;
import io.novix.hf.HfClientConfig;
import io.novix.hf.SseListener;
import io.novix.hf.StreamOutcome;
import io.novix.hf.TaskOutcome;
import io.novix.core.routing.entity.Route;
import io.novix.core.routing.entity.Task;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.PreDestroy;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedThreadFactory;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * The configured Hugging Face upstream, reached through the hf-client: asynchronously, or, for a whole
 * chat answer whose request thread waits for it anyway, on that thread ({@link io.novix.hf.CallerWaits}).
 * One connection pool of each kind serves every endpoint's client.
 */
@OneInstance
public class Upstream {

    @Inject
    InferenceSettings settings;

    @Resource
    ManagedThreadFactory threads;

    @Inject
    @ConfigProperty(name = "novix.upstream.io-threads", defaultValue = "8")
    int ioThreads;

    /** Request threads that may wait for a whole answer on themselves (the inference servlet's bound); one connection each. */
    @Inject
    @ConfigProperty(name = "novix.inference.waiting-threads", defaultValue = "64")
    int waitingThreads;

    /**
     * The most asynchronous connections to one endpoint: the calls past the waiting threads' bound in flight to it at
     * once (the bulkheads and tier limits bound those first; past this a call waits for a connection up to the connect timeout).
     */
    @Inject
    @ConfigProperty(name = "novix.upstream.async-connections", defaultValue = "4096")
    int asyncConnections;

    @Inject
    @ConfigProperty(name = "novix.upstream.backoff-base", defaultValue = "PT0.5S")
    Duration backoffBase;

    @Inject
    @ConfigProperty(name = "novix.upstream.backoff-max", defaultValue = "PT20S")
    Duration backoffMax;

    @Inject
    @ConfigProperty(name = "novix.upstream.chunk-timeout", defaultValue = "PT30S")
    Duration chunkTimeout;

    @Inject
    @ConfigProperty(name = "novix.upstream.connect-timeout", defaultValue = "PT3.05S")
    Duration connectTimeout;

    @Inject
    @ConfigProperty(name = "novix.upstream.read-timeout", defaultValue = "PT30S")
    Duration readTimeout;

    @Inject
    @ConfigProperty(name = "novix.upstream.max-loading-wait", defaultValue = "PT60S")
    Duration maxLoadingWait;

    private HfClientConfig template;
    private ExecutorService io;
    private BlockingPosts blocking;
    private AsyncPosts async;
    private final Map<String, HfClient> clients = new ConcurrentHashMap<>();

    @Inject
    UpstreamCredentials credentials;

    @PostConstruct
    void connect() {
        InferenceDefaults d = settings.defaults();
        HfClientConfig config = new HfClientConfig(d.endpoint(), d.apiKey(), connectTimeout, readTimeout,
                d.maxRetries(), backoffBase, backoffMax, maxLoadingWait);
        // the HTTP client's own steps need no container context: a small pool of managed threads,
        // not the container's general executor, keeps them cheap
        io = Executors.newFixedThreadPool(ioThreads, threads);
        // whole chat answers for callers that wait on their own thread: no hand-off to the client's threads and back
        blocking = new BlockingPosts(Math.max(1, waitingThreads), connectTimeout, readTimeout);
        // every other whole answer: a few reactor threads for all connections, the answer handed to `io`
        async = new AsyncPosts(Math.max(1, asyncConnections), connectTimeout, readTimeout, threads);
        template = config;
    }

    @PreDestroy
    void close() {
        blocking.close();
        async.close();
        io.shutdownNow();
    }

    public CompletableFuture<ChatOutcome> chat(Route route, byte[] body) {
        return client(route).chatCompletion(body);
    }

    public CompletableFuture<StreamOutcome> chatStream(Route route, byte[] body, SseListener listener) {
        return client(route).chatCompletionStream(body, listener);
    }

    public CompletableFuture<ChatOutcome> completion(Route route, byte[] body) {
        return client(route).completion(body);
    }

    public CompletableFuture<StreamOutcome> completionStream(Route route, byte[] body, SseListener listener) {
        return client(route).completionStream(body, listener);
    }

    /** A task call on one route: the URL follows the endpoint's style (router, Inference Endpoint, TGI/TEI). */
    public CompletableFuture<TaskOutcome> task(Route route, String model, Task task, String contentType, byte[] body) {
        return client(route).post(route.taskUri(model, task.hubName(), false), contentType, body);
    }

    /** A streamed text-generation on one route ({@code /generate_stream} on TGI, {@code "stream":true} elsewhere). */
    public CompletableFuture<StreamOutcome> taskStream(Route route, String model, byte[] body, SseListener listener) {
        return client(route).stream(route.taskUri(model, Task.TEXT_GENERATION.hubName(), true), body, listener);
    }

    /**
     * One client (connection pool, retry policy) per endpoint URL and key. The endpoint's own key goes
     * to it; otherwise the Hugging Face key goes only where the route allows it (HTTPS, the router, or a
     * private server the platform admin vouched for). A rotated key makes a new client: no restart.
     */
    private HfClient client(Route route) {
        URI endpoint = route.target();
        Optional<String> key = credentials.endpointKey(endpoint).or(() -> route.keyAllowed() ? credentials.platformKey() : Optional.empty());
        String id = endpoint + "#" + key.map(SecretText::fingerprint).orElse("no-key");
        HfClient known = clients.get(id);
        if (known != null) {
            return known;
        }
        clients.keySet().removeIf(k -> k.startsWith(endpoint + "#") && !k.equals(id)); // a rotated key's client goes
        return clients.computeIfAbsent(id, k -> new HfClient(new HfClientConfig(endpoint, key,
                template.connectTimeout(), template.readTimeout(), template.maxRetries(), template.backoffBase(),
                template.backoffMax(), template.maxLoadingWait()), io, async, blocking));
    }

    /** How long a stream may stay silent before it is given up (per chunk). */
    public Duration chunkTimeout() {
        return chunkTimeout;
    }
}
