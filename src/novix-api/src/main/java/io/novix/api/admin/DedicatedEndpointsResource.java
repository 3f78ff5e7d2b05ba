package io.novix.api.admin;

import io.novix.api.access.Acting;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.dedicated.boundary.DedicatedEndpoints;
import io.novix.core.dedicated.entity.EndpointSpec;
import io.novix.core.identity.entity.Operation;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.JsonInput;
import io.novix.core.tenant.entity.TenantId;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Set;

/**
 * A tenant's dedicated Inference Endpoints: the platform admin creates and deletes them (they cost
 * money at Hugging Face); the tenant admin reads them and pauses, resumes or scales them to zero.
 * Every change is audited.
 */
@Guarded
@Path("/admin/tenants/{tenantId}/dedicated-endpoints")
@Produces(MediaType.APPLICATION_JSON)
public class DedicatedEndpointsResource {

    private static final Set<String> FIELDS = Set.of("name", "model", "task", "vendor", "region", "accelerator", "instanceType",
            "instanceSize", "minReplica", "maxReplica", "scaleToZeroTimeout");

    @Inject
    DedicatedEndpoints endpoints;

    @Context
    HttpServletRequest servletRequest;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.DEDICATED_ENDPOINT_CREATE)
    public Response create(@PathParam("tenantId") String tenantId, byte[] body) {
        JsonInput in = JsonInput.object(body, FIELDS);
        EndpointSpec spec = new EndpointSpec(in.requiredString("name"), in.requiredString("model"),
                in.optionalString("task").orElse("text-generation"), in.optionalString("vendor").orElse("aws"),
                in.requiredString("region"), in.optionalString("accelerator").orElse("gpu"),
                in.optionalString("instanceType").orElse("nvidia-a10g"), in.optionalString("instanceSize").orElse("x1"),
                number(in, "minReplica", 0), number(in, "maxReplica", 1), number(in, "scaleToZeroTimeout", 15));
        return Response.status(201).entity(endpoints.create(tenant(tenantId), spec)).build();
    }

    @GET
    @Allowed(Operation.DEDICATED_ENDPOINT_READ)
    public List<DedicatedEndpoints.View> list(@PathParam("tenantId") String tenantId) {
        return endpoints.list(tenant(tenantId));
    }

    @GET
    @Path("{name}")
    @Allowed(Operation.DEDICATED_ENDPOINT_READ)
    public DedicatedEndpoints.View status(@PathParam("tenantId") String tenantId, @PathParam("name") String name) {
        return endpoints.status(tenant(tenantId), name);
    }

    @POST
    @Path("{name}/{action: pause|resume|scale-to-zero}")
    @Allowed(Operation.DEDICATED_ENDPOINT_OPERATE)
    public DedicatedEndpoints.View act(@PathParam("tenantId") String tenantId, @PathParam("name") String name,
                                       @PathParam("action") String action) {
        TenantId tenant = tenant(tenantId);
        Acting.before(servletRequest, endpoints.status(tenant, name));
        return endpoints.act(tenant, name, action);
    }

    @DELETE
    @Path("{name}")
    @Allowed(Operation.DEDICATED_ENDPOINT_DELETE)
    public DedicatedEndpoints.View delete(@PathParam("tenantId") String tenantId, @PathParam("name") String name) {
        TenantId tenant = tenant(tenantId);
        Acting.before(servletRequest, endpoints.status(tenant, name));
        return endpoints.delete(tenant, name);
    }

    private static int number(JsonInput in, String field, int fallback) {
        JsonValue v = in.json().get(field);
        if (v == null || v == JsonValue.NULL) {
            return fallback;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < Integer.MIN_VALUE || n.longValue() > Integer.MAX_VALUE) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + field + "' must be a whole number", field);
        }
        return n.intValue();
    }

    private static TenantId tenant(String raw) {
        return TenantId.of(Ids.parse(raw, ErrorCode.TENANT_NOT_FOUND));
    }
}
