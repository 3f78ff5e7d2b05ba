package io.novix.api.admin;

import io.novix.api.access.Acting;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.cache.boundary.ResponseCache;
import io.novix.core.cache.entity.CachePolicy;
import io.novix.core.identity.entity.Operation;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Forbidden;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.JsonInput;
import io.novix.core.tenant.boundary.Tenants;
import io.novix.core.tenant.entity.ComplianceProfile;
import io.novix.core.tenant.entity.TenantId;
import jakarta.inject.Inject;
import jakarta.json.JsonNumber;
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

import java.util.Set;

/**
 * A tenant's response-cache settings (docs/cost-levers.md#response-cache): on or off, time to live,
 * deterministic requests only, restricted data allowed. PUT replaces them (fields left out keep their
 * value); audited with before and after. A FedRAMP High tenant's cache stays off unless the platform
 * admin turns it on.
 */
@Guarded
@Path("/admin/tenants/{tenantId}/cache")
@Produces(MediaType.APPLICATION_JSON)
public class CacheResource {

    private static final Set<String> FIELDS = Set.of("enabled", "ttlSeconds", "deterministicOnly", "restrictedAllowed");

    @Inject
    ResponseCache cache;

    @Inject
    Tenants tenants;

    @Context
    HttpServletRequest servletRequest;

    @GET
    @Allowed(Operation.CACHE_READ)
    public ResponseCache.View read(@PathParam("tenantId") String tenantId) {
        TenantId tenant = tenant(tenantId);
        return cache.view(tenant, profile(tenant));
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.CACHE_SET)
    public ResponseCache.View set(@PathParam("tenantId") String tenantId, byte[] body) {
        JsonInput in = JsonInput.object(body, FIELDS);
        TenantId tenant = tenant(tenantId);
        ComplianceProfile profile = profile(tenant);
        ResponseCache.View before = cache.view(tenant, profile);
        Acting.before(servletRequest, before);
        CachePolicy now = before.policy();
        CachePolicy next = new CachePolicy(flag(in, "enabled", now.enabled()), ttl(in, now.ttlSeconds()),
                flag(in, "deterministicOnly", now.deterministicOnly()), flag(in, "restrictedAllowed", now.restrictedAllowed()));
        boolean widens = next.enabled() && !CachePolicy.defaultFor(profile).enabled() || next.restrictedAllowed();
        if (widens && !Acting.caller(servletRequest).isPlatformAdmin()) {
            throw new Forbidden(ErrorCode.FORBIDDEN, "only the platform admin may cache a FedRAMP High tenant's answers "
                    + "or restricted data");
        }
        return cache.set(tenant, next);
    }

    private ComplianceProfile profile(TenantId tenant) {
        return tenants.find(tenant.value()).tier().policy().compliance();
    }

    private static boolean flag(JsonInput in, String field, boolean current) {
        JsonValue v = in.json().get(field);
        if (v == null || v == JsonValue.NULL) {
            return current;
        }
        if (v != JsonValue.TRUE && v != JsonValue.FALSE) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'" + field + "' must be true or false", field);
        }
        return v == JsonValue.TRUE;
    }

    private static int ttl(JsonInput in, int current) {
        JsonValue v = in.json().get("ttlSeconds");
        if (v == null || v == JsonValue.NULL) {
            return current;
        }
        if (!(v instanceof JsonNumber n) || !n.isIntegral() || n.longValue() < 1 || n.longValue() > CachePolicy.MAX_TTL_SECONDS) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'ttlSeconds' is a whole number of seconds, 1 to "
                    + CachePolicy.MAX_TTL_SECONDS, "ttlSeconds");
        }
        return n.intValue();
    }

    private static TenantId tenant(String raw) {
        return TenantId.of(Ids.parse(raw, ErrorCode.TENANT_NOT_FOUND));
    }
}
