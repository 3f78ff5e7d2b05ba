package io.novix.api.admin;

import io.novix.api.access.Acting;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.alerts.boundary.Webhooks;
import io.novix.core.alerts.entity.Thresholds;
import io.novix.core.identity.entity.Operation;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.JsonInput;
import io.novix.core.kernel.NotFound;
import io.novix.core.tenant.entity.TenantId;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A tenant's budget-alert webhook: {@code url} (HTTPS, public), {@code thresholds} (percent of the
 * monthly budget; default 50, 80, 100), {@code rotateSecret}. The signing secret is shown once, in
 * the answer that created or rotated it, and never again (nor in the audit trail).
 */
@Guarded
@Path("/admin/tenants/{tenantId}/webhook")
@Produces(MediaType.APPLICATION_JSON)
public class WebhookResource {

    private static final Set<String> FIELDS = Set.of("url", "thresholds", "rotateSecret");

    @Inject
    Webhooks webhooks;

    @Context
    HttpServletRequest servletRequest;

    @GET
    @Allowed(Operation.WEBHOOK_READ)
    public Webhooks.View read(@PathParam("tenantId") String tenantId) {
        return webhooks.get(tenant(tenantId)).orElseThrow(() -> new NotFound(ErrorCode.NOT_FOUND, "this tenant has no webhook"));
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.WEBHOOK_SET)
    public Webhooks.View set(@PathParam("tenantId") String tenantId, byte[] body) {
        JsonInput in = JsonInput.object(body, FIELDS);
        TenantId tenant = tenant(tenantId);
        Acting.before(servletRequest, webhooks.get(tenant).orElse(null));
        JsonValue rotate = in.json().get("rotateSecret");
        if (rotate != null && rotate != JsonValue.TRUE && rotate != JsonValue.FALSE) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'rotateSecret' must be true or false", "rotateSecret");
        }
        return webhooks.set(tenant, in.requiredString("url"), thresholds(in.json().get("thresholds")), rotate == JsonValue.TRUE,
                Instant.now());
    }

    @DELETE
    @Allowed(Operation.WEBHOOK_SET)
    public Response remove(@PathParam("tenantId") String tenantId) {
        TenantId tenant = tenant(tenantId);
        Acting.before(servletRequest, webhooks.get(tenant).orElse(null));
        webhooks.remove(tenant);
        return Response.noContent().build();
    }

    private static Thresholds thresholds(JsonValue value) {
        if (value == null || value == JsonValue.NULL) {
            return Thresholds.DEFAULT;
        }
        List<Integer> percents = new ArrayList<>();
        if (value instanceof JsonArray array && array.size() <= 10) {
            for (JsonValue v : array) {
                if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.bigDecimalValue().abs().compareTo(java.math.BigDecimal.valueOf(1000)) > 0) {
                    throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'thresholds' are whole percentages", "thresholds");
                }
                percents.add(n.intValue());
            }
        } else {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'thresholds' must be an array of up to ten percentages", "thresholds");
        }
        try {
            return new Thresholds(percents);
        } catch (IllegalArgumentException e) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, e.getMessage(), "thresholds");
        }
    }

    private static TenantId tenant(String raw) {
        return TenantId.of(Ids.parse(raw, ErrorCode.TENANT_NOT_FOUND));
    }
}
