package io.novix.api.admin;

import io.novix.core.audit.boundary.UsageReports;
import io.novix.core.kernel.ErrorCode;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.routing.entity.ModelId;
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
import java.util.UUID;

/**
 * One tenant's metered inference usage from the audit trail (default: the last 30 days),
 * optionally for one model and grouped by {@code day}, {@code model}, {@code token},
 * {@code service-account} or {@code user}; the whole platform's is {@link PlatformUsageResource}.
 */
@Guarded
@Path("/admin/tenants/{tenantId}/usage")
@Produces(MediaType.APPLICATION_JSON)
public class UsageResource {

    @Inject
    UsageReports reports;

    @GET
    @Allowed(Operation.USAGE_READ)
    public UsageReports.Report usage(@PathParam("tenantId") String tenantId, @QueryParam("since") String since,
                                     @QueryParam("until") String until, @QueryParam("groupBy") String groupBy,
                                     @QueryParam("model") String model) {
        UsageReports.GroupBy by = groupBy(groupBy);
        if (by == UsageReports.GroupBy.TENANT) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'groupBy=tenant' is for the platform-wide usage (GET /admin/usage)",
                    "groupBy");
        }
        return report(reports, Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND), since, until, by, model);
    }

    static UsageReports.Report report(UsageReports reports, UUID tenant, String since, String until, UsageReports.GroupBy by,
                                      String model) {
        Instant to = instant(until, "until", Instant.now());
        Instant from = instant(since, "since", to.minus(Duration.ofDays(30)));
        if (!from.isBefore(to)) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'since' must be before 'until'", "since");
        }
        if (model != null && !ModelId.valid(model)) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'model' is not a model id", "model");
        }
        return reports.usage(tenant, from, to, by, model);
    }

    static UsageReports.GroupBy groupBy(String name) {
        if (name == null || name.isEmpty()) {
            return UsageReports.GroupBy.NONE;
        }
        return UsageReports.GroupBy.named(name).filter(g -> g != UsageReports.GroupBy.NONE).orElseThrow(() -> new InvalidRequest(
                ErrorCode.INVALID_FIELD, "'groupBy' must be one of day, model, token, service-account, user, tenant", "groupBy"));
    }

    private static Instant instant(String value, String name, Instant fallback) {
        try {
            return value == null ? fallback : Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + name + "' must be an ISO-8601 instant", name);
        }
    }
}
