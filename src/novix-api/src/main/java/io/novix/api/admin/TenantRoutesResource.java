package io.novix.api.admin;

import io.novix.api.access.Acting;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.modelroute.boundary.ModelRoutes;
import io.novix.core.modelroute.entity.ModelRoute;
import io.novix.core.tenant.entity.TenantId;
import jakarta.inject.Inject;
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

/**
 * Model routes (docs/cost-levers.md#adaptive-model-routing): the platform admin's, named for every
 * tenant ({@code /admin/routes}), and a tenant's own, replacing the platform's of the same name for it
 * ({@code /admin/tenants/{t}/routes}). A request naming a route as its model has the model chosen.
 * PUT replaces a route whole; fields left out take the product notes' defaults. Every change is audited.
 */
/** A tenant's own model routes, replacing the platform's of the same name for its calls; never outside its allowed models. */
@Guarded
@Path("/admin/tenants/{tenantId}/routes")
@Produces(MediaType.APPLICATION_JSON)
public class TenantRoutesResource {

    @Inject
    ModelRoutes routes;

    @Context
    HttpServletRequest servletRequest;

    @GET
    @Allowed(Operation.TENANT_ROUTE_READ)
    public List<ModelRoutes.View> tenantRoutes(@PathParam("tenantId") String tenantId) {
        return routes.tenantRoutes(tenant(tenantId));
    }

    @PUT
    @Path("{name}")
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.TENANT_ROUTE_SET)
    public ModelRoutes.View setTenant(@PathParam("tenantId") String tenantId, @PathParam("name") String name, byte[] body) {
        TenantId tenant = tenant(tenantId);
        ModelRoute route = RoutesResource.route(name, body);
        routes.tenantRoutes(tenant).stream().filter(v -> v.route().name().equals(name) && v.owner().equals("tenant")).findFirst()
                .ifPresent(v -> Acting.before(servletRequest, v));
        return routes.setTenant(tenant, route);
    }

    @DELETE
    @Path("{name}")
    @Allowed(Operation.TENANT_ROUTE_SET)
    public void removeTenant(@PathParam("tenantId") String tenantId, @PathParam("name") String name) {
        TenantId tenant = tenant(tenantId);
        routes.tenantRoutes(tenant).stream().filter(v -> v.route().name().equals(name) && v.owner().equals("tenant")).findFirst()
                .ifPresent(v -> Acting.before(servletRequest, v));
        routes.removeTenant(tenant, name);
    }

    private static TenantId tenant(String raw) {
        return TenantId.of(Ids.parse(raw, ErrorCode.TENANT_NOT_FOUND));
    }
}
