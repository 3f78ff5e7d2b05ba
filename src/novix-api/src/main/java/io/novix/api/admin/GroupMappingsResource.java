package io.novix.api.admin;

import io.novix.core.kernel.ErrorCode;
import io.novix.api.access.Acting;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import io.novix.core.identity.entity.Role;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.JsonInput;
import io.novix.core.user.boundary.Users;
import io.novix.core.user.entity.GroupMapping;
import jakarta.inject.Inject;
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
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/** The tenant's IdP group → role table, replaced as a whole: {@code {"groups":{"novix-admins":["tenant-admin"]}}}. */
@Guarded
@Path("/admin/tenants/{tenantId}/group-mappings")
@Produces(MediaType.APPLICATION_JSON)
public class GroupMappingsResource {

    public record MappingsView(Map<String, List<String>> groups) {
        static MappingsView of(List<GroupMapping> table) {
            Map<String, List<String>> groups = new LinkedHashMap<>();
            table.forEach(m -> groups.computeIfAbsent(m.idpGroup(), g -> new ArrayList<>()).add(m.role().value()));
            return new MappingsView(groups);
        }
    }

    @Inject
    Users users;

    @Context
    HttpServletRequest servletRequest;

    @GET
    @Allowed(Operation.GROUP_MAPPING_LIST)
    public MappingsView list(@PathParam("tenantId") String tenantId) {
        return MappingsView.of(users.mappings(Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND)));
    }

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.GROUP_MAPPING_SET)
    public MappingsView replace(@PathParam("tenantId") String tenantId, byte[] body) {
        JsonValue groups = JsonInput.object(body, Set.of("groups")).json().get("groups");
        if (!(groups instanceof JsonObject table)) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'groups' must be an object of group name to role names", "groups");
        }
        Map<String, List<Role>> parsed = new LinkedHashMap<>();
        table.forEach((group, roles) -> {
            if (roles.getValueType() != JsonValue.ValueType.ARRAY) {
                throw new InvalidRequest(ErrorCode.INVALID_FIELD, "each group maps to an array of role names", "groups");
            }
            List<Role> list = new ArrayList<>();
            for (JsonValue r : roles.asJsonArray()) {
                if (!(r instanceof JsonString s)) {
                    throw new InvalidRequest(ErrorCode.INVALID_FIELD, "role names are strings", "groups");
                }
                list.add(Role.assignable(s.getString()));
            }
            parsed.put(group, list);
        });
        UUID tenant = Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND);
        Acting.before(servletRequest, MappingsView.of(users.mappings(tenant)));
        return MappingsView.of(users.replaceMappings(Acting.caller(servletRequest), tenant, parsed));
    }
}
