package io.novix.core.modelroute.boundary;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Forbidden;
import io.novix.core.kernel.NotFound;
import io.novix.core.kernel.CacheGauges;
import io.novix.core.kernel.TtlCache;
import io.novix.core.modelroute.control.RouteStore;
import io.novix.core.modelroute.entity.ModelRoute;
import io.novix.core.modelroute.entity.RouteSetting;
import io.novix.core.policy.boundary.Policies;
import io.novix.core.policy.entity.EffectivePolicy;
import io.novix.core.tenant.boundary.Tenants;
import io.novix.core.tenant.entity.TenantId;
import jakarta.annotation.PostConstruct;
import jakarta.annotation.Resource;
import jakarta.enterprise.concurrent.ManagedExecutorService;
import io.novix.core.kernel.OneInstance;
import jakarta.inject.Inject;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Named model routes (docs/cost-levers.md#adaptive-model-routing). A request whose {@code model} is a
 * route's name — {@code auto}, or a name the platform admin or the tenant defined — has its model
 * chosen by that route. The tenant's own route replaces the platform's of the same name; a route
 * never names a model the tenant's policy does not allow. Changes reach every instance within
 * {@link #FOLLOW}.
 */
@OneInstance
public class ModelRoutes {

    /** Reloads cached rows in use before they expire, off the callers' path (see {@link TtlCache}). */
    @Resource
    ManagedExecutorService refresher;

    static final Duration FOLLOW = Duration.ofSeconds(2);
    private static final UUID PLATFORM = new UUID(0, 0);

    /** Loads and refreshes of the caches below, at /metrics. */
    @Inject
    CacheGauges gauges;

    @Inject
    RouteStore store;

    @Inject
    Policies policies;

    @Inject
    Tenants tenants;

    @Inject
    io.novix.core.modelroute.control.VariantStore variants;

    private TtlCache<String, String> quantized;
    private TtlCache<UUID, Boolean> prefersQuantized;

    /** A registered variant as the admin API shows it. */
    public record VariantView(String model, String quantized, Instant updatedAt) {
    }

    private TtlCache<Key, ModelRoute> routes;

    /** A route as an administrator reads it: whose it is ("platform", "tenant" or "built-in") and since when. */
    public record View(ModelRoute route, String owner, Instant updatedAt) {
    }

    private record Key(UUID tenant, String name) {
    }

    @PostConstruct
    void init() {
        quantized = new TtlCache<>(FOLLOW, 10_000, m -> variants.variant(m).map(io.novix.core.modelroute.entity.ModelVariant::quantizedModelId), refresher);
        prefersQuantized = new TtlCache<>(FOLLOW, 10_000, t -> variants.preference(t)
                .map(io.novix.core.modelroute.entity.TenantModelPreference::preferQuantized), refresher);
        routes = new TtlCache<>(FOLLOW, 10_000, k -> store.find(PLATFORM.equals(k.tenant()) ? null : k.tenant(), k.name())
                .map(RouteSetting::route), refresher);
        gauges.watch("model-quantized", quantized);
        gauges.watch("model-prefers-quantized", prefersQuantized);
        gauges.watch("model-route", routes);
    }

    /** The route a request's model names for this tenant, if it names one (a model id, with its '/', never does). */
    public Optional<ModelRoute> resolve(TenantId tenant, String model) {
        if (model == null || model.indexOf('/') >= 0 || model.indexOf(':') >= 0) {
            return Optional.empty();
        }
        Optional<ModelRoute> own = tenant == null ? Optional.empty() : routes.find(new Key(tenant.value(), model));
        if (own.isPresent()) {
            return own;
        }
        Optional<ModelRoute> platform = routes.find(new Key(PLATFORM, model));
        return platform.isPresent() || !ModelRoute.AUTO.equals(model) ? platform : Optional.of(ModelRoute.DEFAULT);
    }

    public List<View> platformRoutes() {
        List<View> out = new java.util.ArrayList<>(store.list(null).stream().map(r -> new View(r.route(), "platform", r.updatedAt())).toList());
        if (out.stream().noneMatch(v -> v.route().name().equals(ModelRoute.AUTO))) {
            out.add(0, new View(ModelRoute.DEFAULT, "built-in", null));
        }
        return out;
    }

    public View setPlatform(ModelRoute route) {
        RouteSetting saved = store.save(null, route);
        routes.invalidate(new Key(PLATFORM, route.name()));
        return new View(saved.route(), "platform", saved.updatedAt());
    }

    public void removePlatform(String name) {
        if (!store.remove(null, name)) {
            throw new NotFound(ErrorCode.ROUTE_NOT_FOUND, "no platform route named '" + name + "'");
        }
        routes.invalidate(new Key(PLATFORM, name));
    }

    /** The routes this tenant's calls see: its own, then the platform's it has not replaced. */
    public List<View> tenantRoutes(TenantId tenant) {
        tenants.find(tenant.value());
        List<View> own = store.list(tenant.value()).stream().map(r -> new View(r.route(), "tenant", r.updatedAt())).toList();
        List<View> out = new java.util.ArrayList<>(own);
        for (View v : platformRoutes()) {
            if (own.stream().noneMatch(o -> o.route().name().equals(v.route().name()))) {
                out.add(v);
            }
        }
        return out;
    }

    /** The tenant's own route; both its models must be ones the tenant's policy allows. */
    public View setTenant(TenantId tenant, ModelRoute route) {
        tenants.find(tenant.value());
        EffectivePolicy policy = policies.of(tenant);
        for (String model : List.of(route.smallModel(), route.largeModel())) {
            if (!policy.allowsModel(model)) {
                throw new Forbidden(ErrorCode.MODEL_NOT_ALLOWED, "the tenant's policy does not allow model '" + model
                        + "'; a route may only choose between allowed models");
            }
        }
        RouteSetting saved = store.save(tenant.value(), route);
        routes.invalidate(new Key(tenant.value(), route.name()));
        return new View(saved.route(), "tenant", saved.updatedAt());
    }

    public void removeTenant(TenantId tenant, String name) {
        tenants.find(tenant.value());
        if (!store.remove(tenant.value(), name)) {
            throw new NotFound(ErrorCode.ROUTE_NOT_FOUND, "the tenant has no route of its own named '" + name + "'");
        }
        routes.invalidate(new Key(tenant.value(), name));
    }

    /** The quantized variant to serve instead of {@code model}, when the tenant prefers quantized models and one is registered. */
    public Optional<String> quantizedFor(TenantId tenant, String model) {
        if (tenant == null || model == null || !prefersQuantized.find(tenant.value()).orElse(false)) {
            return Optional.empty();
        }
        int colon = model.indexOf(':'); // a provider suffix stays on the variant
        String base = colon < 0 ? model : model.substring(0, colon);
        return quantized.find(base).map(v -> colon < 0 ? v : v + model.substring(colon));
    }

    public List<VariantView> variants() {
        return variants.variants().stream().map(v -> new VariantView(v.modelId(), v.quantizedModelId(), v.updatedAt())).toList();
    }

    public VariantView setVariant(String model, String quantizedModel) {
        if (model.equals(quantizedModel)) {
            throw new io.novix.core.kernel.InvalidRequest(ErrorCode.INVALID_FIELD, "a model is not its own variant", "quantized");
        }
        var v = variants.setVariant(model, quantizedModel);
        quantized.invalidate(model);
        return new VariantView(v.modelId(), v.quantizedModelId(), v.updatedAt());
    }

    public void removeVariant(String model) {
        if (!variants.removeVariant(model)) {
            throw new NotFound(ErrorCode.NOT_FOUND, "no variant registered for this model");
        }
        quantized.invalidate(model);
    }

    /** Whether the tenant prefers quantized variants (no setting: it does not). */
    public boolean prefersQuantized(TenantId tenant) {
        tenants.find(tenant.value());
        return variants.preference(tenant.value()).map(io.novix.core.modelroute.entity.TenantModelPreference::preferQuantized).orElse(false);
    }

    public boolean preferQuantized(TenantId tenant, boolean prefer) {
        tenants.find(tenant.value());
        boolean now = variants.prefer(tenant.value(), prefer).preferQuantized();
        prefersQuantized.invalidate(tenant.value());
        return now;
    }
}
