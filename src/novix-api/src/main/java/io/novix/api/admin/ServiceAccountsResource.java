package io.novix.api.admin;

import io.novix.core.kernel.ErrorCode;
import io.novix.api.access.Acting;
import io.novix.api.platform.Replies;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import io.novix.core.kernel.JsonInput;
import io.novix.core.serviceaccount.boundary.IssuedCredentials;
import io.novix.core.serviceaccount.boundary.ServiceAccounts;
import io.novix.core.serviceaccount.boundary.AccountCache;
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

/** A tenant's service accounts (OAuth2 clients). The client secret is shown once. */
@Guarded
@Path("/admin/tenants/{tenantId}/service-accounts")
@Produces(MediaType.APPLICATION_JSON)
public class ServiceAccountsResource {

    private static final Set<String> FIELDS = Set.of("name", "scopes");

    @Inject
    ServiceAccounts accounts;

    @Inject
    AccountCache cache;

    @Context
    HttpServletRequest servletRequest;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.SERVICE_ACCOUNT_CREATE)
    public Response create(@PathParam("tenantId") String tenantId, byte[] body) {
        JsonInput in = JsonInput.object(body, FIELDS);
        IssuedCredentials issued = accounts.create(Acting.caller(servletRequest), Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND), in.requiredString("name"),
                in.stringList("scopes"));
        return secretOnce(201, issued);
    }

    @GET
    @Allowed(Operation.SERVICE_ACCOUNT_LIST)
    public List<ServiceAccountView> list(@PathParam("tenantId") String tenantId) {
        return accounts.list(Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND)).stream().map(ServiceAccountView::of).toList();
    }

    @POST
    @Path("{accountId}/secret")
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.SERVICE_ACCOUNT_ROTATE)
    public Response rotate(@PathParam("tenantId") String tenantId, @PathParam("accountId") String accountId) {
        UUID tenant = Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND);
        UUID id = Ids.parse(accountId, ErrorCode.SERVICE_ACCOUNT_NOT_FOUND);
        Acting.before(servletRequest, ServiceAccountView.of(accounts.find(tenant, id)));
        return secretOnce(200, accounts.rotateSecret(Acting.caller(servletRequest), tenant, id));
    }

    @DELETE
    @Path("{accountId}")
    @Allowed(Operation.SERVICE_ACCOUNT_DISABLE)
    public ServiceAccountView disable(@PathParam("tenantId") String tenantId, @PathParam("accountId") String accountId) {
        UUID tenant = Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND);
        UUID id = Ids.parse(accountId, ErrorCode.SERVICE_ACCOUNT_NOT_FOUND);
        Acting.before(servletRequest, ServiceAccountView.of(accounts.find(tenant, id)));
        ServiceAccountView view = ServiceAccountView.of(accounts.disable(tenant, id));
        cache.invalidate(id);
        return view;
    }

    private static Response secretOnce(int status, IssuedCredentials issued) {
        return Replies.noStore(Response.status(status).entity(ServiceAccountView.withSecret(issued.account(), issued.clientSecret())));
    }
}
