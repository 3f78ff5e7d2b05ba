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
import jakarta.ws.rs.core.StreamingOutput;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The platform administrator's side of retention (docs/audit.md#partitions-and-retention): the
 * trail's months and their archive exports (a month is dropped only once exported), and legal holds
 * that keep a tenant's months whatever the retention.
 */
@Guarded
@Path("/admin")
@Produces(MediaType.APPLICATION_JSON)
public class AuditArchiveResource {

    @Inject
    AuditArchive archive;

    @Context
    HttpServletRequest servletRequest;

    @GET
    @Path("audit/partitions")
    @Allowed(Operation.AUDIT_ARCHIVE)
    public List<AuditArchive.Month> months() {
        return archive.months();
    }

    /** Every tenant's rows of the month with the chain proofs (NDJSON, verifiable offline); recorded once complete. */
    @GET
    @Path("audit/partitions/{partition}/export")
    @Produces("application/x-ndjson")
    @Allowed(Operation.AUDIT_ARCHIVE)
    public Response export(@PathParam("partition") String partition) {
        // checked before the stream starts, so a bad name is a JSON error, not a broken download
        if (!partition.matches("^audit_record_[0-9]{4}_[0-9]{2}$") || archive.months().stream().noneMatch(m -> m.partition().equals(partition))) {
            throw new io.novix.core.kernel.NotFound(ErrorCode.NOT_FOUND, "no audit month " + partition);
        }
        String by = Acting.caller(servletRequest).principal().value();
        StreamingOutput body = out -> archive.export(partition, by, out);
        return Response.ok(body).header("Content-Disposition", "attachment; filename=\"" + partition + ".ndjson\"").build();
    }

    @GET
    @Path("tenants/{tenantId}/legal-holds")
    @Allowed(Operation.LEGAL_HOLD_READ)
    public List<AuditArchive.Hold> holds(@PathParam("tenantId") String tenantId) {
        return archive.holds(tenant(tenantId));
    }

    @POST
    @Path("tenants/{tenantId}/legal-holds")
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.LEGAL_HOLD_SET)
    public Response place(@PathParam("tenantId") String tenantId, byte[] body) {
        JsonInput in = JsonInput.object(body, Set.of("reason"));
        AuditArchive.Hold hold = archive.place(tenant(tenantId), in.requiredString("reason"),
                Acting.caller(servletRequest).principal().value());
        return Response.status(Response.Status.CREATED).entity(hold).build();
    }

    @DELETE
    @Path("tenants/{tenantId}/legal-holds/{holdId}")
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
