package io.novix.api.admin;

import io.novix.api.access.Acting;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.audit.boundary.AuditArchive;
import io.novix.core.identity.entity.Operation;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.JsonInput;
import jakarta.inject.Inject;
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
import java.util.UUID;

/**
 * Legal holds (docs/audit.md#partitions-and-retention): while one is active, none of the tenant's
 * audit months is dropped, whatever the retention. The months themselves: AuditIntegrityResource.
 */
@Guarded
@Path("/admin/tenants/{tenantId}/legal-holds")
@Produces(MediaType.APPLICATION_JSON)
public class AuditArchiveResource {

    @Inject
    AuditArchive archive;

    @Context
    HttpServletRequest servletRequest;

    @GET
    @Allowed(Operation.LEGAL_HOLD_READ)
    public List<AuditArchive.Hold> holds(@PathParam("tenantId") String tenantId) {
        return archive.holds(tenant(tenantId));
    }

    @POST
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.LEGAL_HOLD_SET)
    public Response place(@PathParam("tenantId") String tenantId, byte[] body) {
        JsonInput in = JsonInput.object(body, Set.of("reason"));
        AuditArchive.Hold hold = archive.place(tenant(tenantId), in.requiredString("reason"),
                Acting.caller(servletRequest).principal().value());
        return Response.status(Response.Status.CREATED).entity(hold).build();
    }

    @DELETE
    @Path("{holdId}")
    @Allowed(Operation.LEGAL_HOLD_SET)
    public AuditArchive.Hold release(@PathParam("tenantId") String tenantId, @PathParam("holdId") String holdId) {
        long id;
        try {
            id = Long.parseLong(holdId);
        } catch (NumberFormatException e) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "a legal hold id is a number", "holdId");
        }
        return archive.release(tenant(tenantId), id, Acting.caller(servletRequest).principal().value());
    }

    private static UUID tenant(String raw) {
        return Ids.parse(raw, ErrorCode.TENANT_NOT_FOUND);
    }
}
