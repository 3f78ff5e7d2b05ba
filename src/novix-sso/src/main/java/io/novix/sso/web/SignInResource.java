package io.novix.sso.web;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Forbidden;
import io.novix.core.kernel.NotFound;
import io.novix.core.kernel.Refusal;
import io.novix.core.kernel.Reply;
import io.novix.core.sso.boundary.IdentityProviders;
import io.novix.core.sso.boundary.IssuedSession;
import io.novix.core.sso.boundary.SignIn;
import io.novix.core.sso.boundary.SingleSignOn;
import io.novix.core.tenant.boundary.Tenants;
import jakarta.inject.Inject;
import jakarta.json.Json;
import jakarta.json.JsonArrayBuilder;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.Date;
import java.util.UUID;
import java.util.regex.Pattern;

/**
 * {@code /sso/<slug>/login}, protected by the tenant's Liberty SAML service provider (this WAR's
 * web.xml constraint, one authFilter per tenant). By the time this code runs, Liberty has validated
 * the assertion's signature, validity window and replay. Novix then checks what Liberty does not
 * (audience, issuer, authentication context, the SP that validated it), maps groups to roles and
 * opens its own session (cookie + CSRF token); Liberty's SP session is dropped at once.
 * This module is separate from the API WAR so API requests never go through container security.
 */
@Path("{slug}/login")
@Produces(MediaType.APPLICATION_JSON)
public class SignInResource {

    /** The API module's session cookie (AccessGuard reads it). */
    static final String SESSION_COOKIE = "novix_session";
    /** The console's readable CSRF cookie (the API module's ConsoleResource.CSRF_COOKIE). */
    static final String CSRF_COOKIE = "novix_csrf";
    private static final Pattern SAFE_ID = Pattern.compile("^[A-Za-z0-9._:-]{1,64}$");

    @Inject
    SingleSignOn sso;

    @Inject
    IdentityProviders providers;

    @Inject
    Tenants tenants;

    @Context
    HttpServletRequest servletRequest;

    @GET
    public Response login(@PathParam("slug") String slug, @HeaderParam("X-Request-Id") String proposedId,
                          @HeaderParam("Accept") String accept) {
        // unique whatever the caller sends: its id, when safe, only as a prefix (as the API's RequestIds)
        String requestId = proposedId != null && SAFE_ID.matcher(proposedId).matches()
                ? (proposedId.length() > 48 ? proposedId.substring(0, 48) : proposedId) + "~" + UUID.randomUUID().toString().substring(24)
                : UUID.randomUUID().toString();
        try {
            String groupAttribute = tenants.bySlug(slug).map(t -> providers.find(t.id()).idp().groupAttribute()).orElse("groups");
            SamlAssertion saml = SamlAssertion.current(groupAttribute).orElseThrow(() ->
                    new Forbidden(ErrorCode.SAML_ASSERTION_MISSING, "no validated SAML assertion accompanies this request"));
            if (!slug.equals(saml.serviceProvider())) {
                // Liberty's authFilter matches the whole URL, query included: one tenant's SP never signs in to another
                throw new Forbidden(ErrorCode.SAML_ASSERTION_MISSING, "the assertion was validated for another tenant's service provider");
            }
            IssuedSession issued = sso.signIn(new SignIn(slug, saml.nameId(), saml.displayName(), saml.issuer(), saml.audiences(),
                    saml.groups(), saml.authnContextClassRef(), saml.assertionId(), saml.expires()), requestId);
            JsonArrayBuilder roles = Json.createArrayBuilder();
            issued.session().roleSet().stream().map(r -> r.value()).sorted().forEach(roles::add);
            String body = Json.createObjectBuilder().add("tenantId", issued.session().tenantId().toString())
                    .add("subject", issued.session().subject()).add("roles", roles)
                    .add("expiresAt", issued.session().expiresAt().toString()).add("csrfToken", issued.csrfToken())
                    .add("authnContext", saml.authnContextClassRef() == null ? "" : saml.authnContextClassRef()).build().toString();
            boolean secure = servletRequest.isSecure() || publicUrlIsHttps();
            long maxAge = Math.max(1, java.time.Duration.between(java.time.Instant.now(), issued.session().expiresAt()).getSeconds());
            String cookie = cookie(SESSION_COOKIE, issued.secret(), maxAge, true, secure);
            CacheControl noStore = new CacheControl();
            noStore.setNoStore(true);
            if (accept != null && accept.contains("text/html")) {
                // a person in a browser: on to the console, which reads the CSRF token from its own cookie; the
                // Location is a path on this host, never resolved against this module's context root (/sso) nor built from Host
                return Response.status(Response.Status.SEE_OTHER).header("Location", "/console/").header("Set-Cookie", cookie)
                        .header("Set-Cookie", cookie(CSRF_COOKIE, issued.csrfToken(), maxAge, false, secure)).cacheControl(noStore)
                        .header("X-Request-Id", requestId).build();
            }
            return Response.ok(body, MediaType.APPLICATION_JSON_TYPE).header("Set-Cookie", cookie).cacheControl(noStore)
                    .header("X-Request-Id", requestId).build();
        } catch (Refusal r) {
            // the one error shape of the API (core's Reply), not a second copy of it
            byte[] body = Reply.errorBody(r.code(), r.getMessage(), null, requestId);
            return Response.status(r.status()).type(MediaType.APPLICATION_JSON_TYPE).entity(body).header("X-Request-Id", requestId).build();
        } finally {
            try {
                servletRequest.logout();
            } catch (ServletException | RuntimeException e) {
                // nothing to drop
            }
        }
    }

    /**
     * The cookie written out by hand: next to Liberty's own SAML cookies in this answer, the container
     * formats a JAX-RS cookie the RFC 2109 way ({@code Version=1; Path="/"}), and browsers then take the
     * quoted path literally, so the session never reaches the API or the console.
     */
    static String cookie(String name, String value, long maxAgeSeconds, boolean httpOnly, boolean secure) {
        return name + "=" + value + "; Path=/; Max-Age=" + maxAgeSeconds + (httpOnly ? "; HttpOnly" : "") + (secure ? "; Secure" : "")
                + "; SameSite=Strict";
    }

    /** Behind a TLS-terminating proxy the request is plain HTTP but the browser's is not: the cookie is Secure then too. */
    private static boolean publicUrlIsHttps() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue("novix.public.url", String.class)
                .map(u -> u.startsWith("https://")).orElse(false);
    }
}
