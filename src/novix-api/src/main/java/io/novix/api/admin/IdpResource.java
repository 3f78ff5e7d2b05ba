package io.novix.api.admin;

import io.novix.core.kernel.ErrorCode;
import io.novix.api.access.Acting;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import io.novix.core.kernel.JsonInput;
import io.novix.core.kernel.NotFound;
import io.novix.core.sso.boundary.IdentityProviders;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;

import java.time.Instant;
import java.util.Set;
import java.util.UUID;

/**
 * A tenant's SAML identity provider. The answer names what to register at the IdP: Novix's entity
 * id for this tenant (the only audience accepted), the ACS URL (POST binding) and the login URL.
 */
@Guarded
@Path("/admin/tenants/{tenantId}/idp")
@Produces(MediaType.APPLICATION_JSON)
public class IdpResource {

    private static final Set<String> FIELDS = Set.of("metadataXml", "groupAttribute", "requiredAuthnContext");

    public record IdpView(UUID tenantId, String idpEntityId, String groupAttribute, String requiredAuthnContext,
                          Instant updatedAt, String spEntityId, String acsUrl, String loginUrl, String spMetadataUrl) {
        static IdpView of(IdentityProviders.Registered r) {
            return new IdpView(r.idp().tenantId(), r.idp().idpEntityId(), r.idp().groupAttribute(), r.idp().requiredAuthnContext(),
                    r.idp().updatedAt(), r.sp().spEntityId(), r.sp().acsUrl(), r.sp().loginUrl(), r.sp().spEntityId() + "/samlmetadata");
        }
    }

    @Inject
    IdentityProviders providers;

    @Context
    HttpServletRequest servletRequest;

    @PUT
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.IDP_SET)
    public IdpView register(@PathParam("tenantId") String tenantId, byte[] body) {
        JsonInput in = JsonInput.object(body, FIELDS);
        UUID tenant = Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND);
        try {
            Acting.before(servletRequest, IdpView.of(providers.find(tenant)));
        } catch (NotFound first) {
            // the first registration has no before
        }
        return IdpView.of(providers.register(tenant, in.requiredString("metadataXml"),
                in.optionalString("groupAttribute").orElse(null), in.optionalString("requiredAuthnContext").orElse(null)));
    }

    @GET
    @Allowed(Operation.IDP_READ)
    public IdpView read(@PathParam("tenantId") String tenantId) {
        return IdpView.of(providers.find(Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND)));
    }
}
