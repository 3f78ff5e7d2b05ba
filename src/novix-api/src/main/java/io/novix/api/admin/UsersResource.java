package io.novix.api.admin;

import io.novix.core.kernel.ErrorCode;
import io.novix.api.access.Acting;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import io.novix.core.identity.entity.Role;
import io.novix.core.kernel.JsonInput;
import io.novix.core.kernel.NotFound;
import io.novix.core.user.boundary.Users;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Set;
import java.util.UUID;

/** A tenant's users and their role bindings. */
@Guarded
@Path("/admin/tenants/{tenantId}/users")
@Produces(MediaType.APPLICATION_JSON)
public class UsersResource {

    private static final Set<String> FIELDS = Set.of("subject", "displayName");

    @Inject
    Users users;

    @Context
    HttpServletRequest servletRequest;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.USER_CREATE)
    public Response create(@PathParam("tenantId") String tenantId, byte[] body) {
        JsonInput in = JsonInput.object(body, FIELDS);
        return Response.status(201).entity(UserView.of(users.create(Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND),
                in.requiredString("subject"), in.requiredString("displayName")))).build();
    }

    @GET
    @Allowed(Operation.USER_LIST)
    public List<UserView> list(@PathParam("tenantId") String tenantId) {
        return users.list(Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND)).stream().map(UserView::of).toList();
    }

    @GET
    @Path("{userId}")
    @Allowed(Operation.USER_READ)
    public UserView one(@PathParam("tenantId") String tenantId, @PathParam("userId") String userId) {
        return UserView.of(users.find(Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND), Ids.parse(userId, ErrorCode.USER_NOT_FOUND)));
    }

    @DELETE
    @Path("{userId}")
    @Allowed(Operation.USER_REMOVE)
    public Response remove(@PathParam("tenantId") String tenantId, @PathParam("userId") String userId) {
        UUID tenant = Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND);
        UUID user = Ids.parse(userId, ErrorCode.USER_NOT_FOUND);
        Acting.before(servletRequest, UserView.of(users.find(tenant, user)));
        users.remove(tenant, user);
        return Response.noContent().build();
    }

    @POST
    @Path("{userId}/roles")
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.ROLE_BIND)
    public UserView bind(@PathParam("tenantId") String tenantId, @PathParam("userId") String userId, byte[] body) {
        Role role = Role.assignable(JsonInput.object(body, Set.of("role")).requiredString("role"));
        UUID tenant = Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND);
        UUID user = Ids.parse(userId, ErrorCode.USER_NOT_FOUND);
        Acting.before(servletRequest, UserView.of(users.find(tenant, user)));
        return UserView.of(users.bind(Acting.caller(servletRequest), tenant, user, role));
    }

    @DELETE
    @Path("{userId}/roles/{role}")
    @Allowed(Operation.ROLE_UNBIND)
    public UserView unbind(@PathParam("tenantId") String tenantId, @PathParam("userId") String userId,
                           @PathParam("role") String role) {
        Role parsed = Role.parse(role).orElseThrow(() -> new NotFound(ErrorCode.BINDING_NOT_FOUND, "no such role"));
        UUID tenant = Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND);
        UUID user = Ids.parse(userId, ErrorCode.USER_NOT_FOUND);
        Acting.before(servletRequest, UserView.of(users.find(tenant, user)));
        return UserView.of(users.unbind(tenant, user, parsed));
    }
}
