package io.novix.api.admin;

import io.novix.api.access.Acting;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.JsonInput;
import io.novix.core.modelroute.boundary.ModelRoutes;
import io.novix.core.tenant.entity.TenantId;
import jakarta.inject.Inject;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;
import java.util.Set;

/** Whether a tenant's calls are served by a model's quantized variant where one is registered (and its policy allows it). */
@Guarded
@Path("/admin/tenants/{tenantId}/model-preferences")
@Produces(MediaType.APPLICATION_JSON)
public class ModelPreferencesResource {

    @Inject
    ModelRoutes routes;

    @Context
    HttpServletRequest servletRequest;

    @GET
    @Allowed(Operation.MODEL_PREFERENCE_READ)
    public Map<String, Object> read(@PathParam("tenantId") String tenantId) {
        return Map.of("preferQuantized", routes.prefersQuantized(tenant(tenantId)));
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.MODEL_PREFERENCE_SET)
    public Map<String, Object> set(@PathParam("tenantId") String tenantId, byte[] body) {
        JsonValue v = JsonInput.object(body, Set.of("preferQuantized")).json().get("preferQuantized");
        if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'preferQuantized' must be true or false", "preferQuantized");
        }
        TenantId tenant = tenant(tenantId);
        Acting.before(servletRequest, Map.of("preferQuantized", routes.prefersQuantized(tenant)));
        return Map.of("preferQuantized", routes.preferQuantized(tenant, v == JsonValue.TRUE));
    }

    private static TenantId tenant(String raw) {
        return TenantId.of(Ids.parse(raw, ErrorCode.TENANT_NOT_FOUND));
    }
}
