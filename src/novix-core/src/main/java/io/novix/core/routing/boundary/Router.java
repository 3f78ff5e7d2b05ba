package io.novix.core.routing.boundary;

import io.novix.core.routing.control.Breakers;
import io.novix.hf.HfFailure;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import io.novix.core.routing.entity.EndpointKind;
import io.novix.core.routing.entity.ModelEndpoint;
import io.novix.core.routing.entity.Placement;
import io.novix.core.routing.entity.Route;
import io.novix.core.routing.entity.Task;
import io.novix.core.kernel.CacheGauges;
import io.novix.core.kernel.TtlCache;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;
import org.eclipse.microprofile.config.inject.ConfigProperty;

import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Resolves a model to the ordered endpoints a call may try: its enabled endpoints by priority,
 * then the configured router as the last resort (the router serves any public model). Cached
 * for {@code novix.routing.cache-ttl} so the request path does not query the database.
 */
@OneInstance
public class Router {

    /** Loads and refreshes of the caches below, at /metrics. */
    @Inject
    CacheGauges gauges;

    @Inject
    ModelEndpoints endpoints;

    /** The Hugging Face router (or the configured enterprise endpoint): the last resort for every model. */
    @Inject
    @ConfigProperty(name = "HF_ENTERPRISE_ENDPOINT", defaultValue = "https://router.huggingface.co")
    String defaultEndpoint;

    /** Where the router's traffic stays, as the operator vouches (residency is matched on it). */
    @Inject
    @ConfigProperty(name = "HF_ROUTER_REGION", defaultValue = "global")
    String routerRegion;

    @Inject
    Breakers breakers;

    @Inject
    @ConfigProperty(name = "novix.routing.cache-ttl", defaultValue = "PT5S")
    Duration ttl;

    /** Reloads the routes of models in use before they expire, off the callers' path (see {@link TtlCache}). */
    @Resource
    ManagedExecutorService refresher;

    private TtlCache<String, List<Route>> cache;

    @PostConstruct
    void init() {
        cache = new TtlCache<>(ttl, 10_000, model -> Optional.of(load(model)), refresher);
        gauges.watch("route", cache);
    }

    public List<Route> routes(String model) {
        return cache.find(model).orElseThrow();
    }

    /**
     * As {@link #failover(String, Function, Function, Function)}, over the routes {@code placement}
     * admits (the tenant's own endpoints first). {@link Placed#narrowed} says whether the tenant's
     * policy took any route away, so an empty result is a residency refusal, not an outage.
     */
    public <T> Placed<T> failover(String model, Placement placement, Function<Route, CompletableFuture<T>> call,
                                  Function<T, Optional<HfFailure>> failureOf, Function<T, Integer> attemptsOf) {
        List<Route> all = routes(model);
        List<Route> admitted = placement.order(all);
        return new Placed<>(Failover.run(admitted, breakers, call, failureOf, attemptsOf), admitted.size() < all.size());
    }

    /** A failover over the routes a placement admits, and whether the placement removed any. */
    public record Placed<T>(CompletableFuture<Failover.Routed<T>> routed, boolean narrowed) {
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
        cache.invalidateAll();
    }

    private List<Route> load(String model) {
        URI router = URI.create(defaultEndpoint.strip());
        List<ModelEndpoint> rows = endpoints.ofModel(model);
        List<Route> routes = new ArrayList<>();
        for (ModelEndpoint e : rows) {
            Route r = new Route(e.target(router), e.region(), e.kind(), e.task(), e.keyAllowed(), e.dedicatedTo(), e.sovereign());
            if (e.enabled() && routes.stream().noneMatch(r::samePlace)) {
                routes.add(r);
            }
        }
        // a model nobody configured for the router still goes there; a disabled router row means "never"
        if (rows.stream().noneMatch(e -> e.baseUrl().isEmpty())) {
            routes.add(new Route(router, routerRegion.strip(), EndpointKind.SERVERLESS, rows.isEmpty() ? null : rows.get(0).task()));
        }
        return List.copyOf(routes);
    }
}
