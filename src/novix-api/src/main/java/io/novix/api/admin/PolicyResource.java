package io.novix.api.admin;

import io.novix.api.access.Acting;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.JsonInput;
import io.novix.core.policy.boundary.Policies;
import io.novix.core.policy.entity.PolicyOverrides;
import io.novix.core.tenant.entity.ComplianceProfile;
import io.novix.core.tenant.entity.Residency;
import io.novix.core.tenant.entity.TenantId;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
import jakarta.json.JsonObject;
import jakarta.json.JsonString;
import jakarta.json.JsonValue;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.math.BigDecimal;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A tenant's policy: its tier's defaults with the platform admin's overrides. PUT replaces the
 * overrides (a field left out, or null, keeps the tier's default); GET shows every effective value
 * and where it comes from ("tier" or "tenant"). Every change is audited with before and after.
 */
@Guarded
@Path("/admin/tenants/{tenantId}/policy")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyResource {

    private static final Set<String> FIELDS = Set.of("requestsPerMinute", "tokensPerMinute", "tokensPerDay", "tokensPerMonth",
            "budgetUsdPerMonth", "allowedModels", "allowedProviders", "allowedRegions", "residency", "complianceProfile",
            "dedicatedOnly");

    @Inject
    Policies policies;

    @Context
    HttpServletRequest servletRequest;

    @GET
    @Allowed(Operation.POLICY_READ)
    public Policies.View read(@PathParam("tenantId") String tenantId) {
        return policies.view(tenant(tenantId));
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.POLICY_SET)
    public Policies.View set(@PathParam("tenantId") String tenantId, byte[] body) {
        JsonInput in = JsonInput.object(body, FIELDS);
        TenantId tenant = tenant(tenantId);
        Acting.before(servletRequest, policies.view(tenant));
        JsonObject j = in.json();
        Long rpm = whole(j, "requestsPerMinute");
        if (rpm != null && rpm > Integer.MAX_VALUE) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'requestsPerMinute' is too large", "requestsPerMinute");
        }
        PolicyOverrides o = new PolicyOverrides(rpm == null ? null : rpm.intValue(), whole(j, "tokensPerMinute"),
                whole(j, "tokensPerDay"), whole(j, "tokensPerMonth"), money(j, "budgetUsdPerMonth"),
                j.get("allowedModels") == null || j.get("allowedModels") == JsonValue.NULL ? null : in.stringList("allowedModels"),
                j.get("allowedProviders") == null || j.get("allowedProviders") == JsonValue.NULL ? null : in.stringList("allowedProviders"),
                j.get("allowedRegions") == null || j.get("allowedRegions") == JsonValue.NULL ? null : in.stringList("allowedRegions"),
                named(j, "residency", Residency.class), named(j, "complianceProfile", ComplianceProfile.class), flag(j, "dedicatedOnly"));
        return policies.set(tenant, o);
    }

    private static Long whole(JsonObject j, String field) {
        JsonValue v = j.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.bigDecimalValue().compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + field + "' must be a whole number", field);
        }
        return n.longValue();
    }

    private static BigDecimal money(JsonObject j, String field) {
        JsonValue v = j.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (!(v instanceof JsonNumber n) || n.bigDecimalValue().precision() > 30) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + field + "' must be a USD amount", field);
        }
        return n.bigDecimalValue();
    }

    private static Boolean flag(JsonObject j, String field) {
        JsonValue v = j.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + field + "' must be true or false", field);
        }
        return v == JsonValue.TRUE;
    }

    private static <E extends Enum<E>> E named(JsonObject j, String field, Class<E> type) {
        JsonValue v = j.get(field);
        if (v == null || v == JsonValue.NULL) {
            return null;
        }
        try {
            return Enum.valueOf(type, ((JsonString) v).getString().toUpperCase(Locale.ROOT));
        } catch (ClassCastException | IllegalArgumentException e) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + field + "' must be one of " + List.of(type.getEnumConstants()), field);
        }
    }

    private static TenantId tenant(String raw) {
        return TenantId.of(Ids.parse(raw, ErrorCode.TENANT_NOT_FOUND));
    }
}
