package io.novix.sso.web;

import io.novix.core.access.boundary.AccessControl;
import io.novix.core.access.boundary.SessionView;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Reply;
import jakarta.inject.Inject;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Who-am-I ({@code GET /sso/session}) for the console and any script holding a session cookie, SAML
 * or token: subject, tenant, roles, the operations those roles allow now, authentication context and
 * expiry. Not container-protected (web.xml): the cookie is the credential, checked as on every API request.
 */
@Path("session")
@Produces(MediaType.APPLICATION_JSON)
public class SessionResource {

    @Inject
    AccessControl access;

    @GET
    public Response whoAmI(@CookieParam(SignInResource.SESSION_COOKIE) String secret) {
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        Optional<SessionView> view = access.describe(secret, Instant.now());
        if (view.isEmpty()) {
            String requestId = UUID.randomUUID().toString();
            return Response.status(401).type(MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore).header("X-Request-Id", requestId)
                    .entity(Reply.errorBody(ErrorCode.UNAUTHORIZED, "no live session: sign in at /console/login or through your IdP",
                            null, requestId)).build();
        }
        return Response.ok(view.get(), MediaType.APPLICATION_JSON_TYPE).cacheControl(noStore).build();
    }
}
