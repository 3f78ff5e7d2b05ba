package io.novix.core.routing.boundary;

import io.novix.core.routing.control.Breakers;
import io.novix.hf.HfFailure;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import io.novix.core.routing.entity.EndpointKind;
import io.novix.core.routing.entity.ModelEndpoint;
import io.novix.core.routing.entity.Route;
import io.novix.core.routing.entity.Task;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Resolves a model to the ordered endpoints a call may try: its enabled endpoints by priority,
 * then the configured router as the last resort (the router serves any public model). Cached
 * for {@code novix.routing.cache-ttl} so the request path does not query the database.
 */
@ApplicationScoped
public class Router {

    private record Cached(List<Route> routes, long loadedAt) {
    }

    @Inject
    ModelEndpoints endpoints;

    /** The Hugging Face router (or the configured enterprise endpoint): the last resort for every model. */
    @Inject
    @ConfigProperty(name = "HF_ENTERPRISE_ENDPOINT", defaultValue = "https://router.huggingface.co")
    String defaultEndpoint;

    @Inject
    Breakers breakers;

    @Inject
    @ConfigProperty(name = "novix.routing.cache-ttl", defaultValue = "PT5S")
    Duration ttl;

    private final ConcurrentHashMap<String, Cached> cache = new ConcurrentHashMap<>();

    public List<Route> routes(String model) {
        long now = System.nanoTime();
        Cached cached = cache.get(model);
        if (cached == null || now - cached.loadedAt() > ttl.toNanos()) {
            cached = new Cached(load(model), now);
            if (cache.size() > 10_000) {
                cache.clear();
            }
            cache.put(model, cached);
        }
        return cached.routes();
    }

    /** Tries the model's routes in order, skipping open breakers, until one serves ({@link Failover}). */
    public <T> CompletableFuture<Failover.Routed<T>> failover(String model, Function<Route, CompletableFuture<T>> call,
                                                             Function<T, Optional<HfFailure>> failureOf,
                                                             Function<T, Integer> attemptsOf) {
        return Failover.run(routes(model), breakers, call, failureOf, attemptsOf);
    }

    /** The task a model was registered for (by its first endpoint), when anyone registered it. */
    public Optional<Task> taskOf(String model) {
        return routes(model).stream().map(Route::task).filter(java.util.Objects::nonNull).findFirst()
                .flatMap(Task::named);
    }

    /** Forget cached routes (after an admin change on this instance). */
    public void invalidate() {
        cache.clear();
    }

    private List<Route> load(String model) {
        URI router = URI.create(defaultEndpoint.strip());
        List<ModelEndpoint> rows = endpoints.ofModel(model);
        List<Route> routes = new ArrayList<>();
        for (ModelEndpoint e : rows) {
            Route r = new Route(e.target(router), e.region(), e.kind(), e.task(), e.keyAllowed());
            if (e.enabled() && routes.stream().noneMatch(r::samePlace)) {
                routes.add(r);
            }
        }
        // a model nobody configured for the router still goes there; a disabled router row means "never"
        if (rows.stream().noneMatch(e -> e.baseUrl().isEmpty())) {
            routes.add(new Route(router, "global", EndpointKind.SERVERLESS, rows.isEmpty() ? null : rows.get(0).task()));
        }
        return List.copyOf(routes);
    }
}
