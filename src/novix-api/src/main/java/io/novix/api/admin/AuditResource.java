package io.novix.api.admin;

import io.novix.hf.JsonBytes;

import io.novix.core.kernel.ErrorCode;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import io.novix.core.audit.boundary.AuditQueries;
import io.novix.core.audit.entity.AuditRecord;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.NotFound;
import jakarta.inject.Inject;
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
                            int tokensIn, int tokensOut, String task, String endpoint, String streamOutcome, String phase,
                            String dataClassification, String clientRequestId) {
        static AuditView of(AuditRecord a) {
            return new AuditView(a.id(), a.occurredAt(), a.requestId(), a.tenantId(), a.principal(), a.action(), a.target(),
                    a.outcome().name(), a.httpStatus(), a.errorCode(), a.latencyMs(), a.tokensIn(), a.tokensOut(),
                    a.task(), a.endpoint(), a.streamOutcome(), a.phase(), a.dataClassification(), a.clientRequestId());
        }
    }

    @Inject
    AuditQueries queries;

    /** One entry, with an admin change's before/after states opened from their seal (class 10); null when it has none. */
    public record AuditDetail(AuditView entry, String actorRole, JsonValue before, JsonValue after,
                              io.novix.core.audit.boundary.AuditQueries.ChainPosition chain) {
    }

    @Inject
    io.novix.core.audit.boundary.AuditExport export;

    @Inject
    io.novix.core.audit.boundary.Evidence evidence;

    /**
     * Evidence per control for a period (default: the last 30 days): what each control requires, how
     * Novix meets it, the configuration read now, the tenant's records of the period by kind, and the
     * trail's verification. {@code control}: AU-2, AU-3, AU-6, AU-9, AU-10, AU-11, AU-12, CC7.2,
     * 164.312(b); all when absent.
     */
    @GET
    @Path("evidence")
    @Allowed(Operation.AUDIT_EXPORT)
    public io.novix.core.audit.boundary.Evidence.Report evidence(@PathParam("tenantId") String tenantId,
                                                                 @QueryParam("control") String control,
                                                                 @QueryParam("from") String from, @QueryParam("to") String to) {
        UUID tenant = Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND);
        Instant until = instant(to, "to", Instant.now());
        Instant since = instant(from, "from", until.minus(java.time.Duration.ofDays(30)));
        if (!since.isBefore(until)) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'from' must be before 'to'", "from");
        }
        List<io.novix.core.audit.entity.Control> controls = control == null
                ? List.of(io.novix.core.audit.entity.Control.values())
                : List.of(io.novix.core.audit.entity.Control.byId(control).orElseThrow(() -> new InvalidRequest(ErrorCode.INVALID_FIELD,
                "'control' must be one of AU-2, AU-3, AU-6, AU-9, AU-10, AU-11, AU-12, CC7.2, 164.312(b)", "control")));
        return evidence.of(tenant, controls, since, until);
    }

    /**
     * The tenant's rows of a period (default: the last 24 hours), streamed with the chain proofs
     * and checkpoints an offline verifier needs ({@code java -jar novix-audit-verify.jar}).
     */
    @GET
    @Path("export")
    @Produces({"application/x-ndjson", "text/csv", MediaType.APPLICATION_JSON})
    @Allowed(Operation.AUDIT_EXPORT)
    public jakarta.ws.rs.core.Response export(@PathParam("tenantId") String tenantId, @QueryParam("from") String from,
                                              @QueryParam("to") String to, @QueryParam("format") @DefaultValue("ndjson") String format) {
        UUID tenant = Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND);
        Instant until = instant(to, "to", Instant.now());
        Instant since = instant(from, "from", until.minus(java.time.Duration.ofDays(1)));
        if (!since.isBefore(until)) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'from' must be before 'to'", "from");
        }
        io.novix.core.audit.boundary.AuditExport.Format f = switch (format) {
            case "ndjson" -> io.novix.core.audit.boundary.AuditExport.Format.NDJSON;
            case "csv" -> io.novix.core.audit.boundary.AuditExport.Format.CSV;
            default -> throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'format' must be ndjson or csv", "format");
        };
        queries.recent(tenant, 1); // the tenant must exist (404 otherwise) before the answer starts
        jakarta.ws.rs.core.StreamingOutput body = out -> export.write(tenant, since, until, f, out);
        return jakarta.ws.rs.core.Response.ok(body, f == io.novix.core.audit.boundary.AuditExport.Format.NDJSON
                        ? "application/x-ndjson" : "text/csv; charset=utf-8")
                .header("Content-Disposition", "attachment; filename=\"novix-audit-" + tenant + "." + format + "\"").build();
    }

    private static Instant instant(String value, String name, Instant fallback) {
        try {
            return value == null ? fallback : Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + name + "' must be an ISO-8601 instant", name);
        }
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
        JsonObject states = d.states() == null ? null : JsonBytes.JSON.createReader(new StringReader(d.states())).readObject();
        return new AuditDetail(AuditView.of(d.record()), d.record().actorRole(),
                states == null ? null : states.get("before"), states == null ? null : states.get("after"), d.chain());
    }

    private static final java.util.regex.Pattern ACTION = java.util.regex.Pattern.compile("^[a-z][a-z0-9.-]{0,62}\\*?$");
    private static final java.util.regex.Pattern CLASSIFICATION = java.util.regex.Pattern.compile("^[a-z][a-z0-9_-]{0,63}$");
    private static final java.util.regex.Pattern CODE = java.util.regex.Pattern.compile("^[a-z][a-z0-9_]{0,63}$");

    /**
     * The tenant's audit rows, newest first, filtered by {@code from}/{@code to} (ISO instants),
     * {@code principal}, {@code action} ({@code admin.*} for a prefix), {@code outcome} (SUCCESS,
     * DENIED, FAILED, CANCELLED, OUTCOME_UNKNOWN; ADMITTED lists write-ahead admission entries, left
     * out otherwise), {@code model}, {@code errorCode}, {@code classification}; at most {@code limit} (1–1000).
     * When there may be more, the {@code Link: <…&before=<id>>; rel="next"} header continues.
     */
    @GET
    @Allowed(Operation.AUDIT_READ)
    public jakarta.ws.rs.core.Response audit(@PathParam("tenantId") String tenantId,
                                             @QueryParam("limit") @DefaultValue("100") String limit,
                                             @QueryParam("from") String from, @QueryParam("to") String to,
                                             @QueryParam("principal") String principal, @QueryParam("action") String action,
                                             @QueryParam("outcome") String outcome, @QueryParam("model") String model,
                                             @QueryParam("errorCode") String errorCode, @QueryParam("before") String before,
                                             @QueryParam("classification") String classification,
                                             @jakarta.ws.rs.core.Context jakarta.ws.rs.core.UriInfo uri) {
        int n;
        try {
            n = Integer.parseInt(limit);
        } catch (NumberFormatException e) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'limit' must be an integer from 1 to 1000", "limit");
        }
        if (n < 1 || n > 1000) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'limit' must be an integer from 1 to 1000", "limit");
        }
        Long cursor;
        try {
            cursor = before == null ? null : Long.valueOf(before);
        } catch (NumberFormatException e) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'before' must be a row id from a previous page", "before");
        }
        check(action, ACTION, "action");
        check(errorCode, CODE, "errorCode");
        if (outcome != null && java.util.Arrays.stream(io.novix.core.audit.entity.Outcome.values()).noneMatch(o -> o.name().equals(outcome))) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'outcome' must be SUCCESS, DENIED, FAILED, CANCELLED, ADMITTED "
                    + "or OUTCOME_UNKNOWN", "outcome");
        }
        check(classification, CLASSIFICATION, "classification");
        if (model != null && !io.novix.core.routing.entity.ModelId.valid(model)) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'model' is not a model id", "model");
        }
        if (principal != null && (principal.isEmpty() || principal.length() > 200)) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'principal' is 1 to 200 characters", "principal");
        }
        AuditQueries.Filter filter = new AuditQueries.Filter(from == null ? null : instant(from, "from", null),
                to == null ? null : instant(to, "to", null), principal, action, outcome, model, errorCode, cursor, classification);
        List<AuditView> rows = queries.search(Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND), filter, n).stream()
                .map(AuditView::of).toList();
        jakarta.ws.rs.core.Response.ResponseBuilder answer = jakarta.ws.rs.core.Response.ok(rows);
        if (rows.size() == n) {
            // relative: never built from the Host header (hardening class 8)
            java.net.URI here = uri.getRequestUri();
            answer.link(jakarta.ws.rs.core.UriBuilder.fromPath(here.getRawPath()).replaceQuery(here.getRawQuery())
                    .replaceQueryParam("before", rows.get(rows.size() - 1).id()).build(), "next");
        }
        return answer.build();
    }

    private static void check(String value, java.util.regex.Pattern grammar, String name) {
        if (value != null && !grammar.matcher(value).matches()) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + name + "' is not valid", name);
        }
    }
}
