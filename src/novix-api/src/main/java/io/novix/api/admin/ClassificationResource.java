package io.novix.api.admin;

import io.novix.api.access.Acting;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.classification.boundary.Classifications;
import io.novix.core.classification.entity.ClassificationPolicy;
import io.novix.core.classification.entity.ClassificationRule;
import io.novix.core.identity.entity.Operation;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.JsonInput;
import io.novix.core.routing.entity.ModelId;
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
import java.util.regex.Pattern;

/**
 * A tenant's data classifications: its own labels beside the built-in four, the default label of
 * calls that carry none, and rules keeping labelled calls to some models and regions. PUT replaces
 * them all (audited with before and after, like every admin change).
 */
@Guarded
@Path("/admin/tenants/{tenantId}/classification")
@Produces(MediaType.APPLICATION_JSON)
public class ClassificationResource {

    private static final Set<String> FIELDS = Set.of("defaultLabel", "labels", "rules");
    private static final Set<String> RULE_FIELDS = Set.of("label", "models", "regions");
    private static final Pattern REGION = Pattern.compile("^[a-z][a-z0-9-]{0,31}$");

    @Inject
    Classifications classifications;

    @Context
    HttpServletRequest servletRequest;

    @GET
    @Allowed(Operation.CLASSIFICATION_READ)
    public Classifications.View read(@PathParam("tenantId") String tenantId) {
        return classifications.view(tenant(tenantId));
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.CLASSIFICATION_SET)
    public Classifications.View set(@PathParam("tenantId") String tenantId, byte[] body) {
        JsonInput in = JsonInput.object(body, FIELDS);
        TenantId tenant = tenant(tenantId);
        Acting.before(servletRequest, classifications.view(tenant));
        String defaultLabel = in.optionalString("defaultLabel").orElse(null);
        List<String> labels = in.json().get("labels") == null || in.json().get("labels") == JsonValue.NULL ? List.of()
                : in.stringList("labels");
        return classifications.set(tenant, new ClassificationPolicy(defaultLabel, labels, rules(in.json().get("rules"))));
    }

    private static List<ClassificationRule> rules(JsonValue value) {
        List<ClassificationRule> out = new ArrayList<>();
        if (value == null || value == JsonValue.NULL) {
            return out;
        }
        if (!(value instanceof JsonArray array)) {
            throw invalid("'rules' must be an array of {label, models, regions}");
        }
        for (JsonValue item : array) {
            if (!(item instanceof JsonObject o) || !RULE_FIELDS.containsAll(o.keySet()) || !(o.get("label") instanceof JsonString label)) {
                throw invalid("each rule is {\"label\": …, \"models\": […], \"regions\": […]}");
            }
            List<String> models = strings(o.get("models"), ModelId::valid, "models");
            List<String> regions = strings(o.get("regions"), r -> REGION.matcher(r).matches(), "regions");
            out.add(new ClassificationRule(label.getString(), models, regions));
        }
        return out;
    }

    private static List<String> strings(JsonValue value, java.util.function.Predicate<String> valid, String what) {
        if (value == null || value == JsonValue.NULL) {
            return List.of();
        }
        if (!(value instanceof JsonArray array) || array.size() > 100) {
            throw invalid("a rule's '" + what + "' is an array of at most 100 strings");
        }
        List<String> out = new ArrayList<>();
        for (JsonValue v : array) {
            if (!(v instanceof JsonString s) || !valid.test(s.getString())) {
                throw invalid("a rule's '" + what + "' holds only valid " + what);
            }
            out.add(s.getString());
        }
        return out;
    }

    private static InvalidRequest invalid(String message) {
        return new InvalidRequest(ErrorCode.INVALID_FIELD, message, "rules");
    }

    private static TenantId tenant(String raw) {
        return TenantId.of(Ids.parse(raw, ErrorCode.TENANT_NOT_FOUND));
    }
}
