package io.novix.api.sso;

import io.novix.core.kernel.ErrorCode;
import io.novix.api.access.AccessGuard;
import io.novix.api.platform.Replies;
import io.novix.api.platform.RequestIdFilter;
import io.novix.core.kernel.Reply;
import io.novix.core.sso.boundary.SingleSignOn;
import jakarta.inject.Inject;
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

/**
 * The unprotected ends of SAML sign-in (the sign-in itself is the novix-sso module at /sso):
 * Liberty's error page for refused IdP answers, and sign-out.
 */
@Path("/")
@Produces(MediaType.APPLICATION_JSON)
public class SsoResource {

    @Inject
    SingleSignOn sso;

    @Inject
    io.novix.core.access.boundary.AccessControl access;

    @Context
    HttpServletRequest servletRequest;

    /** Liberty's SP sends failed validations here (errorPageURL): the refusal is audited like any other. */
    @GET
    @Path("sso-error/{slug}")
    public Response rejected(@PathParam("slug") String slug) {
        String requestId = String.valueOf(servletRequest.getAttribute(RequestIdFilter.PROPERTY));
        sso.rejected(slug, requestId);
        return Replies.toResponse(Reply.error(ErrorCode.SAML_ASSERTION_REJECTED,
                "the identity provider's answer failed validation (signature, audience, validity or replay)", null, requestId), requestId);
    }

    @DELETE
    @Path("sso-session")
    public Response signOut(@CookieParam(AccessGuard.SESSION_COOKIE) String secret) {
        if (secret != null) {
            access.signOut(secret); // a SAML session or a console token session
        }
        return Response.noContent().cookie(new NewCookie.Builder(AccessGuard.SESSION_COOKIE).value("").path("/").maxAge(0).build(),
                new NewCookie.Builder(io.novix.api.console.ConsoleResource.CSRF_COOKIE).value("").path("/").maxAge(0).build()).build();
    }
}
