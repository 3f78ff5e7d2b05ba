package io.novix.api.admin;

import io.novix.core.kernel.ErrorCode;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import io.novix.core.audit.boundary.AuditQueries;
import io.novix.core.audit.entity.AuditRecord;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.NotFound;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonObject;
import jakarta.json.JsonValue;
import jakarta.ws.rs.DefaultValue;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

import java.io.StringReader;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * A tenant's audit trail, for its auditors and administrators. (Its own root path: a resource at
 * {@code /admin/tenants/{tenantId}} would shadow {@code GET /admin/tenants/{tenantId}} of TenantsResource.)
 */
@Guarded
@Path("/admin/tenants/{tenantId}/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {

    public record AuditView(long id, Instant occurredAt, String requestId, UUID tenantId, String principal, String action,
                            String target, String outcome, int httpStatus, String errorCode, int latencyMs,
                            int tokensIn, int tokensOut, String task, String endpoint, String streamOutcome) {
        static AuditView of(AuditRecord a) {
            return new AuditView(a.id(), a.occurredAt(), a.requestId(), a.tenantId(), a.principal(), a.action(), a.target(),
                    a.outcome().name(), a.httpStatus(), a.errorCode(), a.latencyMs(), a.tokensIn(), a.tokensOut(),
                    a.task(), a.endpoint(), a.streamOutcome());
        }
    }

    @Inject
    AuditQueries queries;

    /** One entry, with an admin change's before/after states opened from their seal (class 10); null when it has none. */
    public record AuditDetail(AuditView entry, String actorRole, JsonValue before, JsonValue after) {
    }

    @GET
    @Path("{id}")
    @Allowed(Operation.AUDIT_READ)
    public AuditDetail entry(@PathParam("tenantId") String tenantId, @PathParam("id") String id) {
        long n;
        try {
            n = Long.parseLong(id);
        } catch (NumberFormatException e) {
            throw new NotFound(ErrorCode.NOT_FOUND, "no such audit entry");
        }
        AuditQueries.Detail d = queries.detail(Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND), n)
                .orElseThrow(() -> new NotFound(ErrorCode.NOT_FOUND, "no such audit entry"));
        JsonObject states = d.states() == null ? null : Json.createReader(new StringReader(d.states())).readObject();
        return new AuditDetail(AuditView.of(d.record()), d.record().actorRole(),
                states == null ? null : states.get("before"), states == null ? null : states.get("after"));
    }

    @GET
    @Allowed(Operation.AUDIT_READ)
    public List<AuditView> audit(@PathParam("tenantId") String tenantId, @QueryParam("limit") @DefaultValue("100") String limit) {
        int n;
        try {
            n = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'limit' must be an integer from 1 to 1000", "limit");
        }
        return queries.recent(Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND), n).stream().map(AuditView::of).toList();
    }
}
