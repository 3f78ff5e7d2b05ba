package io.novix.api.admin;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.JsonInput;
import io.novix.core.tenant.boundary.NewTenant;
import io.novix.core.tenant.boundary.Tenants;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import jakarta.ws.rs.core.Context;

import java.util.List;
import java.util.Set;

/** Platform administration of tenants. */
@Guarded
@Path("/admin/tenants")
@Produces(MediaType.APPLICATION_JSON)
public class TenantsResource {

    private static final Set<String> FIELDS = Set.of("slug", "name", "tier", "homeRegion");

    @Inject
    Tenants tenants;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.TENANT_CREATE)
    public Response create(byte[] body, @Context UriInfo uri) {
        JsonInput in = JsonInput.object(body, FIELDS);
        NewTenant request = new NewTenant(in.requiredString("slug"), in.requiredString("name"),
                in.requiredString("tier"), in.requiredString("homeRegion"));
        TenantView created = TenantView.of(tenants.create(request));
        return Response.created(uri.getAbsolutePathBuilder().path(created.id().toString()).build()).entity(created).build();
    }

    @GET
    @Allowed(Operation.TENANT_LIST)
    public List<TenantView> all() {
        return tenants.all().stream().map(TenantView::of).toList();
    }

    @GET
    @Path("{tenantId}")
    @Allowed(Operation.TENANT_READ)
    public TenantView one(@PathParam("tenantId") String tenantId) {
        return TenantView.of(tenants.find(Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND)));
    }
}
