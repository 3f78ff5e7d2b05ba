package io.novix.core.routing.entity;

import io.novix.core.tenant.entity.Residency;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

/**
 * Where one tenant's calls may go, from its policy: its own endpoints (first) and shared ones, all
 * in its allowed regions; shared dedicated accelerators only for tiers that have them, the router
 * (third-party inference providers) only when the policy allows providers and any region, and for
 * Sovereign tenants sovereign infrastructure only. An endpoint of another tenant is never admitted.
 */
public record Placement(UUID tenant, List<String> regions, Residency residency, boolean dedicatedOnly,
                        boolean dedicatedTier, List<String> providers) {

    /** Provider-selection policies of the router ({@code model:fastest}): the router chooses, as with no suffix. */
    private static final List<String> SELECTIONS = List.of("fastest", "cheapest", "preferred");
    public static final String AUTO = "auto";

    public Placement {
        regions = List.copyOf(regions);
        providers = List.copyOf(providers);
    }

    /** Everything admitted: for calls without a tenant (none reach the pipeline today). */
    public static Placement anywhere() {
        return new Placement(null, List.of(), Residency.GLOBAL, false, true, List.of(AUTO));
    }

    /**
     * The model as the router must be asked for it so that only allowed inference providers see the
     * call: unchanged when {@code auto} is allowed or the caller named an allowed provider; a
     * router-chosen provider ({@code model} or {@code model:fastest}) narrowed to the first allowed
     * one. Empty when the caller named a provider the policy does not allow.
     */
    public java.util.Optional<String> routerModel(String model) {
        int colon = model.indexOf(':');
        String repo = colon < 0 ? model : model.substring(0, colon);
        String suffix = colon < 0 ? null : model.substring(colon + 1);
        if (providers.contains(AUTO)) {
            return java.util.Optional.of(model);
        }
        if (suffix != null && !SELECTIONS.contains(suffix)) {
            return providers.contains(suffix) ? java.util.Optional.of(model) : java.util.Optional.empty();
        }
        return providers.isEmpty() ? java.util.Optional.of(model) : java.util.Optional.of(repo + ":" + providers.get(0));
    }

    public boolean admits(Route r) {
        if (r.owner() != null && !r.owner().equals(tenant)) {
            return false; // another tenant's endpoint
        }
        if (r.owner() == null && r.kind() == EndpointKind.DEDICATED && !dedicatedTier) {
            return false; // shared dedicated accelerators are Enterprise's and Government's
        }
        if (r.kind() == EndpointKind.SERVERLESS && (dedicatedOnly || providers.isEmpty())) {
            return false;
        }
        if (!regions.isEmpty() && !regions.contains(r.region())) {
            return false;
        }
        return residency != Residency.SOVEREIGN || r.sovereign();
    }

    /** The admitted routes, the tenant's own first, each group in the given (priority) order. */
    public List<Route> order(List<Route> routes) {
        List<Route> own = new ArrayList<>();
        List<Route> shared = new ArrayList<>();
        for (Route r : routes) {
            if (admits(r)) {
                (r.owner() != null ? own : shared).add(r);
            }
        }
        own.addAll(shared);
        return own;
    }
}
