package io.novix.api.admin;

import io.novix.core.kernel.ErrorCode;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import io.novix.core.audit.boundary.AuditQueries;
import io.novix.core.kernel.InvalidRequest;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/** A tenant's metered usage since a point in time (default: the last 30 days). */
@Guarded
@Path("/admin/tenants/{tenantId}/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    @Inject
    AuditQueries queries;

    @GET
    @Allowed(Operation.USAGE_READ)
    public AuditQueries.UsageTotals usage(@PathParam("tenantId") String tenantId, @QueryParam("since") String since) {
        Instant from;
        try {
            from = since == null ? Instant.now().minus(Duration.ofDays(30)) : Instant.parse(since);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'since' must be an ISO-8601 instant", "since");
        }
        return queries.usage(Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND), from);
    }
}
