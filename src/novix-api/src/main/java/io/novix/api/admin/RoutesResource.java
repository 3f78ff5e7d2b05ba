package io.novix.api.admin;

import io.novix.api.access.Acting;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.JsonInput;
import io.novix.core.modelroute.boundary.ModelRoutes;
import io.novix.core.modelroute.entity.ModelRoute;
import io.novix.core.routing.entity.ModelId;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.util.List;
import java.util.Set;

/**
 * Model routes (docs/cost-levers.md#adaptive-model-routing): the platform admin's, named for every
 * tenant ({@code /admin/routes}); a tenant's own replace them for it ({@link TenantRoutesResource}). A request naming a route as its model has the model chosen.
 * PUT replaces a route whole; fields left out take the product notes' defaults. Every change is audited.
 */
@Guarded
@Path("/admin/routes")
@Produces(MediaType.APPLICATION_JSON)
public class RoutesResource {

    private static final Set<String> FIELDS = Set.of("smallModel", "largeModel", "threshold", "hotAbove", "hotTemperature",
            "temperature", "maxTokens");

    @Inject
    ModelRoutes routes;

    @Context
    HttpServletRequest servletRequest;

    @GET
    @Allowed(Operation.ROUTE_LIST)
    public List<ModelRoutes.View> platform() {
        return routes.platformRoutes();
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.ROUTE_SET)
    public ModelRoutes.View setPlatform(@PathParam("name") String name, byte[] body) {
        ModelRoute route = route(name, body);
        routes.platformRoutes().stream().filter(v -> v.route().name().equals(name)).findFirst()
                .ifPresent(v -> Acting.before(servletRequest, v));
        return routes.setPlatform(route);
    }

    @DELETE
    @Path("{name}")
    @Allowed(Operation.ROUTE_REMOVE)
    public void removePlatform(@PathParam("name") String name) {
        routes.platformRoutes().stream().filter(v -> v.route().name().equals(name)).findFirst()
                .ifPresent(v -> Acting.before(servletRequest, v));
        routes.removePlatform(name);
    }

    static ModelRoute route(String name, byte[] body) {
        JsonInput in = JsonInput.object(body, FIELDS);
        ModelRoute d = ModelRoute.DEFAULT;
        String small = in.optionalString("smallModel").orElse(d.smallModel());
        String large = in.optionalString("largeModel").orElse(d.largeModel());
        for (String m : List.of(small, large)) {
            if (!ModelId.valid(m)) {
                throw new InvalidRequest(ErrorCode.INVALID_MODEL, "'" + m + "' is not a model id", "smallModel");
            }
        }
        return new ModelRoute(name, small, large, number(in, "threshold", d.threshold()), number(in, "hotAbove", d.hotAbove()),
                number(in, "hotTemperature", d.hotTemperature()), number(in, "temperature", d.temperature()),
                (int) Math.min(Integer.MAX_VALUE, Math.max(Integer.MIN_VALUE, (long) number(in, "maxTokens", d.maxTokens()))));
    }

    private static double number(JsonInput in, String field, double fallback) {
        JsonValue v = in.json().get(field);
        if (v == null || v == JsonValue.NULL) {
            return fallback;
        }
        if (!(v instanceof JsonNumber n)) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + field + "' must be a number", field);
        }
        return n.doubleValue();
    }

}
