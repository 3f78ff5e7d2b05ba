package io.novix.api.console;

import io.novix.api.access.AccessGuard;
import io.novix.api.platform.RequestIdFilter;
import io.novix.core.access.boundary.TokenSessions;
import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.Forbidden;
import io.novix.core.kernel.JsonInput;
import jakarta.inject.Inject;
import jakarta.servlet.ServletContext;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.NewCookie;
import jakarta.ws.rs.core.Response;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.time.Instant;
import java.util.Date;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The web console (docs/console.md): its static pages and scripts, served by Novix itself (nothing
 * from a CDN), and its sign-in with a Novix token, which becomes a session cookie (httpOnly, never a
 * URL or local storage) plus a readable CSRF cookie the pages echo in {@code X-Novix-CSRF}. Every
 * page works through the same admin API and permission matrix as any other client.
 */
@Path("/console")
public class ConsoleResource {

    /** The CSRF token for the console's scripts (double submit: the server still checks it against the session's hash). */
    public static final String CSRF_COOKIE = "novix_csrf";
    private static final Pattern ASSET = Pattern.compile("^[a-z0-9-]{1,40}\\.(html|js|css|svg)$");
    private static final Map<String, String> TYPES = Map.of("html", "text/html; charset=utf-8", "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8", "svg", "image/svg+xml");

    @Inject
    TokenSessions sessions;

    @Context
    HttpServletRequest request;

    @Context
    ServletContext servletContext;

    @GET
    public Response index() throws IOException {
        return asset("index.html");
    }

    @GET
    @Path("login")
    public Response loginPage() throws IOException {
        return asset("login.html");
    }

    @GET
    @Path("{name}")
    public Response asset(@PathParam("name") String name) throws IOException {
        if (!ASSET.matcher(name).matches()) {
            throw new io.novix.core.kernel.NotFound(ErrorCode.NOT_FOUND, "no such console file");
        }
        InputStream in = servletContext.getResourceAsStream("/WEB-INF/console/" + name);
        if (in == null) {
            throw new io.novix.core.kernel.NotFound(ErrorCode.NOT_FOUND, "no such console file");
        }
        byte[] body;
        try (in) {
            body = in.readAllBytes();
        }
        CacheControl cache = new CacheControl();
        cache.setNoCache(true); // revalidate: a new release is seen at once
        return Response.ok(body, TYPES.get(name.substring(name.lastIndexOf('.') + 1))).cacheControl(cache).build();
    }

    /** {@code {"token": "nvx_…"}} → the session cookies; the answer is who the session is. */
    @POST
    @Path("login")
    @Consumes(MediaType.APPLICATION_JSON)
    public Response login(byte[] body) {
        refuseCrossOrigin();
        String token = JsonInput.object(body, Set.of("token")).requiredString("token");
        String requestId = RequestIdFilter.of(request);
        TokenSessions.Issued issued = sessions.signIn(token, requestId, request.getRemoteAddr(), Instant.now());
        boolean secure = request.isSecure() || publicUrlIsHttps();
        Date expiry = Date.from(issued.view().expiresAt());
        NewCookie session = new NewCookie.Builder(AccessGuard.SESSION_COOKIE).value(issued.secret()).path("/").httpOnly(true)
                .secure(secure).sameSite(NewCookie.SameSite.STRICT).expiry(expiry).build();
        NewCookie csrf = new NewCookie.Builder(CSRF_COOKIE).value(issued.csrfToken()).path("/").httpOnly(false)
                .secure(secure).sameSite(NewCookie.SameSite.STRICT).expiry(expiry).build();
        CacheControl noStore = new CacheControl();
        noStore.setNoStore(true);
        return Response.ok(issued.view(), MediaType.APPLICATION_JSON_TYPE).cookie(session, csrf).cacheControl(noStore).build();
    }

    /**
     * A sign-in form posted from another site would sign the victim in as the attacker (login CSRF):
     * a browser always sends Origin on a cross-origin POST, and it must name this host.
     */
    private void refuseCrossOrigin() {
        String origin = request.getHeader("Origin");
        if (origin == null) {
            return; // not a browser's cross-origin request (scripts, curl)
        }
        String host = request.getHeader("Host");
        URI o;
        try {
            o = URI.create(origin);
        } catch (IllegalArgumentException e) {
            o = null;
        }
        String originHost = o == null || o.getHost() == null ? null : o.getHost() + (o.getPort() == -1 ? "" : ":" + o.getPort());
        if (host == null || !host.equalsIgnoreCase(originHost)) {
            throw new Forbidden(ErrorCode.CROSS_ORIGIN_REFUSED, "sign-in is accepted only from this gateway's own console");
        }
    }

    /** Behind a TLS-terminating proxy the request is plain HTTP but the browser's is not: the cookies are Secure then too. */
    private static boolean publicUrlIsHttps() {
        return org.eclipse.microprofile.config.ConfigProvider.getConfig().getOptionalValue("novix.public.url", String.class)
                .map(u -> u.startsWith("https://")).orElse(false);
    }
}
