package io.novix.core.routing.boundary;

import io.novix.core.inference.control.InferenceSettings;
import io.novix.core.routing.entity.EndpointKind;
import io.novix.core.routing.entity.ModelEndpoint;
import io.novix.core.routing.entity.Route;
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

    @Inject
    InferenceSettings settings;

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

    /** The task a model was registered for (by its first endpoint), when anyone registered it. */
    public Optional<String> taskOf(String model) {
        return routes(model).stream().map(Route::task).filter(java.util.Objects::nonNull).findFirst();
    }

    /** Forget cached routes (after an admin change on this instance). */
    public void invalidate() {
        cache.clear();
    }

    private List<Route> load(String model) {
        URI router = settings.defaults().endpoint();
        List<ModelEndpoint> rows = endpoints.ofModel(model);
        List<Route> routes = new ArrayList<>();
        for (ModelEndpoint e : rows) {
            Route r = new Route(e.target(router), e.region(), e.kind(), e.task());
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
