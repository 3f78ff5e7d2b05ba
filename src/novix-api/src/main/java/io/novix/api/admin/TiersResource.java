package io.novix.api.admin;

import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import io.novix.core.tenant.entity.Tier;
import io.novix.core.tenant.entity.TierPolicy;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.util.Arrays;
import java.util.List;

/** The product's tiers and what each one fixes (the console's policy page shows them beside a tenant's overrides). */
@Guarded
@Path("/admin/tiers")
@Produces(MediaType.APPLICATION_JSON)
public class TiersResource {

    public record TierView(String tier, int maxRequestsPerMinute, BigDecimal slaPercent, String residency, String compliance,
                           boolean dedicatedAccelerators, long maxTokenLifetimeDays, boolean peopleOnlyThroughSso) {
        static TierView of(Tier t) {
            TierPolicy p = t.policy();
            return new TierView(t.name(), p.maxRequestsPerMinute(), p.slaPercent(), p.residency().name(), p.compliance().label(),
                    p.dedicatedAccelerators(), t.maxTokenLifetime().toDays(), t.peopleOnlyThroughSso());
        }
    }

    @GET
    @Allowed(Operation.TIER_LIST)
    public List<TierView> all() {
        return Arrays.stream(Tier.values()).map(TierView::of).toList();
    }
}
