package io.novix.api.admin;

import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.audit.boundary.UsageReports;
import io.novix.core.identity.entity.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** The whole platform's inference usage (platform administrator), as UsageResource's, also groupable by {@code tenant}. */
@Guarded
@Path("/admin/usage")
@Produces(MediaType.APPLICATION_JSON)
public class PlatformUsageResource {

    @Inject
    UsageReports reports;

    @GET
    @Allowed(Operation.PLATFORM_USAGE_READ)
    public UsageReports.Report usage(@QueryParam("since") String since, @QueryParam("until") String until,
                                     @QueryParam("groupBy") String groupBy, @QueryParam("model") String model) {
        return UsageResource.report(reports, null, since, until, UsageResource.groupBy(groupBy), model);
    }
}
