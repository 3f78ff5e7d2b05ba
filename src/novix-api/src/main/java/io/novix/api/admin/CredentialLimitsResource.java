package io.novix.api.admin;

import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.JsonInput;
import io.novix.core.policy.boundary.Policies;
import io.novix.core.policy.entity.CredentialLimit;
import io.novix.core.tenant.entity.TenantId;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonValue;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.List;
import java.util.Set;

/**
 * A tenant admin's sub-limits per credential: a token ({@code token:<prefix>}) or a service account
 * ({@code sa:<client id>}) or a user ({@code user:<subject>}) may be given lower requests and tokens per minute than the
 * tenant has, never more. They are counted across instances like the tenant's own.
 */
@Guarded
@Path("/admin/tenants/{tenantId}/credential-limits")
@Produces(MediaType.APPLICATION_JSON)
public class CredentialLimitsResource {

    private static final Set<String> FIELDS = Set.of("requestsPerMinute", "tokensPerMinute");

    public record LimitView(String principal, Integer requestsPerMinute, Long tokensPerMinute, Instant updatedAt) {
        static LimitView of(CredentialLimit c) {
            return new LimitView(c.principal(), c.requestsPerMinute(), c.tokensPerMinute(), c.updatedAt());
        }
    }

    @Inject
    Policies policies;

    @GET
    @Allowed(Operation.CREDENTIAL_LIMIT_LIST)
    public List<LimitView> list(@PathParam("tenantId") String tenantId) {
        return policies.credentialLimits(tenant(tenantId)).stream().map(LimitView::of).toList();
    }

    @PUT
    @Path("{principal}")
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.CREDENTIAL_LIMIT_SET)
    public List<LimitView> set(@PathParam("tenantId") String tenantId, @PathParam("principal") String principal, byte[] body) {
        JsonInput in = JsonInput.object(body, FIELDS);
        Long rpm = whole(in, "requestsPerMinute");
        Long tpm = whole(in, "tokensPerMinute");
        if (rpm == null && tpm == null) {
            throw new InvalidRequest(ErrorCode.MISSING_FIELD, "'requestsPerMinute' or 'tokensPerMinute' is required (DELETE removes)", null);
        }
        if (rpm != null && rpm > Integer.MAX_VALUE) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'requestsPerMinute' is too large", "requestsPerMinute");
        }
        return policies.setCredentialLimit(tenant(tenantId), principal, rpm == null ? null : rpm.intValue(), tpm)
                .stream().map(LimitView::of).toList();
    }

    @DELETE
    @Path("{principal}")
    @Allowed(Operation.CREDENTIAL_LIMIT_SET)
    public List<LimitView> remove(@PathParam("tenantId") String tenantId, @PathParam("principal") String principal) {
        return policies.setCredentialLimit(tenant(tenantId), principal, null, null).stream().map(LimitView::of).toList();
    }

    private static Long whole(JsonInput in, String field) {
        JsonValue v = in.json().get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.bigDecimalValue().compareTo(java.math.BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + field + "' must be a whole number", field);
        }
        return n.longValue();
    }

    private static TenantId tenant(String raw) {
        return TenantId.of(Ids.parse(raw, ErrorCode.TENANT_NOT_FOUND));
    }
}
