package io.novix.api.admin;

import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.keys.boundary.DataKeys;
import io.novix.core.tenant.boundary.Tenants;
import io.novix.core.tenant.entity.TenantId;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Map;
import java.util.UUID;

/** A tenant's data key: rotating it starts a new version; what older versions sealed still opens. */
@Guarded
@Path("/admin/tenants/{tenantId}/data-keys")
@Produces(MediaType.APPLICATION_JSON)
public class TenantDataKeysResource {

    @Inject
    DataKeys dataKeys;

    @Inject
    Tenants tenants;

    @POST
    @Path("rotate")
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.DATA_KEY_ROTATE)
    public Response rotate(@PathParam("tenantId") String tenantId) {
        UUID tenant = Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND);
        tenants.find(tenant);
        return Response.status(201).entity(Map.of("tenantId", tenant, "version", dataKeys.rotate(TenantId.of(tenant)))).build();
    }
}
