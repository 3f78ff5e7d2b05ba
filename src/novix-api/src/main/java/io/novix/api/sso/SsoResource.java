package io.novix.api.sso;

import io.novix.api.access.AccessGuard;
import io.novix.api.platform.Replies;
import io.novix.api.platform.RequestIdFilter;
import io.novix.core.platform.entity.Forbidden;
import io.novix.core.platform.entity.NotFound;
import io.novix.core.platform.entity.Refusal;
import io.novix.core.platform.entity.Reply;
import io.novix.core.sso.boundary.IssuedSession;
import io.novix.core.sso.boundary.SignIn;
import io.novix.core.sso.boundary.SingleSignOn;
import io.novix.core.tenant.boundary.Tenants;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.util.Date;

/**
 * SAML single sign-on. {@code /sso/<slug>/login} is protected by the tenant's Liberty service
 * provider (web.xml constraint, one authFilter per tenant): by the time this code runs, Liberty has
 * validated the assertion's signature, audience, validity window and replay. Novix then checks the
 * issuer and the authentication context against the tenant's registration, maps groups to roles,
 * and opens its own session (cookie + CSRF token); Liberty's SP session is dropped at once.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class SsoResource {

    @Inject
    SingleSignOn sso;

    @Inject
    io.novix.core.sso.boundary.IdentityProviders providers;

    @Inject
    Tenants tenants;

    @Context
    HttpServletRequest servletRequest;

    @GET
    @Path("sso/{slug}/login")
    public Response login(@PathParam("slug") String slug) {
        String requestId = String.valueOf(servletRequest.getAttribute(RequestIdFilter.PROPERTY));
        try {
            String groupAttribute = tenants.bySlug(slug).map(t -> providers.find(t.id()).idp().groupAttribute()).orElse("groups");
            SamlAssertion saml = SamlAssertion.current(groupAttribute).orElseThrow(() ->
                    new Forbidden("saml_assertion_missing", "no validated SAML assertion accompanies this request", true));
            if (!slug.equals(saml.serviceProvider())) {
                // Liberty's authFilter matches the whole URL, query included: never let one tenant's SP sign in to another
                throw new Forbidden("saml_assertion_missing", "the assertion was validated for another tenant's service provider", true);
            }
            IssuedSession issued = sso.signIn(new SignIn(slug, saml.nameId(), saml.displayName(), saml.issuer(), saml.audiences(), saml.groups(),
                    saml.authnContextClassRef()), requestId);
            JsonArrayBuilder roles = Json.createArrayBuilder();
            issued.session().roleSet().stream().map(r -> r.value()).sorted().forEach(roles::add);
            String body = Json.createObjectBuilder().add("tenantId", issued.session().tenantId().toString())
                    .add("subject", issued.session().subject()).add("roles", roles)
                    .add("expiresAt", issued.session().expiresAt().toString()).add("csrfToken", issued.csrfToken())
                    .add("authnContext", saml.authnContextClassRef() == null ? "" : saml.authnContextClassRef()).build().toString();
            NewCookie cookie = new NewCookie.Builder(AccessGuard.SESSION_COOKIE).value(issued.secret()).path("/")
                    .httpOnly(true).secure(servletRequest.isSecure()).sameSite(NewCookie.SameSite.STRICT)
                    .expiry(Date.from(issued.session().expiresAt())).build();
            return Replies.noStore(Response.ok(body, MediaType.APPLICATION_JSON_TYPE).cookie(cookie));
        } catch (Refusal r) {
            int status = r instanceof Forbidden f ? f.status() : r instanceof NotFound ? 404 : 400;
            return Replies.toResponse(Reply.error(status, r.code(), r.getMessage(), null, requestId), requestId);
        } finally {
            logoutQuietly();
        }
    }

    /** Liberty's SP sends failed validations here (errorPageURL): the refusal is audited like any other. */
    @GET
    @Path("sso-error/{slug}")
    public Response rejected(@PathParam("slug") String slug) {
        String requestId = String.valueOf(servletRequest.getAttribute(RequestIdFilter.PROPERTY));
        sso.rejected(slug, requestId);
        return Replies.toResponse(Reply.error(401, "saml_assertion_rejected",
                "the identity provider's answer failed validation (signature, audience, validity or replay)", null, requestId), requestId);
    }

    @DELETE
    @Path("sso-session")
    public Response signOut(@CookieParam(AccessGuard.SESSION_COOKIE) String secret) {
        if (secret != null) {
            sso.signOut(secret);
        }
        return Response.noContent().cookie(new NewCookie.Builder(AccessGuard.SESSION_COOKIE).value("").path("/").maxAge(0).build()).build();
    }

    private void logoutQuietly() {
        try {
            servletRequest.logout();
        } catch (ServletException | RuntimeException e) {
            // nothing to drop
        }
    }

}
