package io.novix.api.admin;

import io.novix.api.access.Acting;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.JsonInput;
import io.novix.core.privacy.boundary.Redactions;
import io.novix.core.privacy.entity.CustomPattern;
import io.novix.core.tenant.entity.TenantId;
import jakarta.inject.Inject;
import jakarta.json.JsonArray;
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

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A tenant's redaction settings (hardening class 10): whether prompts are redacted before they go
 * upstream, which built-in kinds, and custom patterns. A field left out keeps the compliance
 * profile's default; GET shows the effective value and where it comes from.
 */
@Guarded
@Path("/admin/tenants/{tenantId}/redaction")
@Produces(MediaType.APPLICATION_JSON)
public class RedactionResource {

    private static final Set<String> FIELDS = Set.of("upstream", "rules", "customPatterns");

    @Inject
    Redactions redactions;

    @Context
    HttpServletRequest servletRequest;

    @GET
    @Allowed(Operation.REDACTION_READ)
    public Redactions.View read(@PathParam("tenantId") String tenantId) {
        return redactions.view(tenant(tenantId));
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.REDACTION_SET)
    public Redactions.View set(@PathParam("tenantId") String tenantId, byte[] body) {
        JsonInput in = JsonInput.object(body, FIELDS);
        TenantId tenant = tenant(tenantId);
        Acting.before(servletRequest, redactions.view(tenant));
        JsonValue upstream = in.json().get("upstream");
        if (upstream != null && upstream != JsonValue.NULL && upstream != JsonValue.TRUE && upstream != JsonValue.FALSE) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'upstream' must be true, false or null (the profile's default)", "upstream");
        }
        Boolean up = upstream == null || upstream == JsonValue.NULL ? null : upstream == JsonValue.TRUE;
        JsonValue rules = in.json().get("rules");
        List<String> ruleNames = rules == null || rules == JsonValue.NULL ? null : in.stringList("rules");
        return redactions.set(tenant, up, ruleNames, customPatterns(in.json().get("customPatterns")),
                Acting.caller(servletRequest).isPlatformAdmin());
    }

    private static List<CustomPattern> customPatterns(JsonValue value) {
        List<CustomPattern> out = new ArrayList<>();
        if (value == null || value == JsonValue.NULL) {
            return out;
        }
        if (!(value instanceof JsonArray array)) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'customPatterns' must be an array of {name, pattern}", "customPatterns");
        }
        for (JsonValue item : array) {
            if (!(item instanceof JsonObject o) || !(o.get("name") instanceof JsonString name)
                    || !(o.get("pattern") instanceof JsonString pattern) || o.size() != 2) {
                throw new InvalidRequest(ErrorCode.INVALID_FIELD, "each custom pattern is {\"name\": …, \"pattern\": …}", "customPatterns");
            }
            out.add(new CustomPattern(name.getString(), pattern.getString()));
        }
        return out;
    }

    private static TenantId tenant(String raw) {
        return TenantId.of(Ids.parse(raw, ErrorCode.TENANT_NOT_FOUND));
    }
}
