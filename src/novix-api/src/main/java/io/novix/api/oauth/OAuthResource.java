package io.novix.api.oauth;

import io.novix.hf.JsonBytes;

import io.novix.api.platform.Replies;
import io.novix.api.platform.RequestIdFilter;
import io.novix.core.jwt.boundary.TokenEndpoint;
import io.novix.core.jwt.control.JwtSettings;
import io.novix.core.jwt.control.KeyRing;
import io.novix.core.jwt.entity.SigningKey;
import jakarta.inject.Inject;
import jakarta.json.JsonArrayBuilder;
import jakarta.json.JsonObject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.CacheControl;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import jakarta.ws.rs.core.Response;

import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * OAuth2 for service accounts: the token endpoint (client_secret_basic or client_secret_post), the
 * JWKS with every key that still verifies, and discovery metadata.
 */
@Path("/")
public class OAuthResource {

    @Inject
    TokenEndpoint endpoint;

    @Inject
    KeyRing keys;

    @Inject
    JwtSettings settings;

    @Context
    HttpServletRequest servletRequest;

    @POST
    @Path("oauth2/token")
    @Consumes(MediaType.APPLICATION_FORM_URLENCODED)
    @Produces(MediaType.APPLICATION_JSON)
    public Response token(@HeaderParam(HttpHeaders.AUTHORIZATION) String authorization, MultivaluedMap<String, String> form) {
        String requestId = String.valueOf(servletRequest.getAttribute(RequestIdFilter.PROPERTY));
        boolean basic = authorization != null && authorization.regionMatches(true, 0, "Basic ", 0, 6);
        try {
            String clientId = single(form, "client_id");
            String secret = single(form, "client_secret");
            if (basic) {
                String[] pair = basicPair(authorization);
                if (pair == null || (clientId != null && !clientId.equals(pair[0])) || secret != null) {
                    throw new IllegalArgumentException();
                }
                clientId = pair[0];
                secret = pair[1];
            }
            TokenEndpoint.Grant grant = endpoint.exchange(single(form, "grant_type"), clientId, secret,
                    single(form, "scope"), requestId);
            JsonObject body = JsonBytes.JSON.createObjectBuilder().add("access_token", grant.accessToken()).add("token_type", "Bearer")
                    .add("expires_in", grant.expiresIn()).add("scope", grant.scope()).build();
            return Replies.noStore(Response.ok(body.toString(), MediaType.APPLICATION_JSON_TYPE));
        } catch (TokenEndpoint.OAuthError e) {
            Response.ResponseBuilder r = Response.status(e.status()).type(MediaType.APPLICATION_JSON_TYPE)
                    .entity(JsonBytes.JSON.createObjectBuilder().add("error", e.error()).add("error_description", e.getMessage())
                            .add("request_id", requestId).build().toString());
            if (e.status() == 401) {
                r.header(HttpHeaders.WWW_AUTHENTICATE, "Basic realm=\"novix\"");
            }
            return Replies.noStore(r);
        } catch (IllegalArgumentException e) {
            return Replies.noStore(Response.status(400).type(MediaType.APPLICATION_JSON_TYPE).entity(JsonBytes.JSON.createObjectBuilder()
                    .add("error", "invalid_request").add("error_description", "one client authentication method, once")
                    .add("request_id", requestId).build().toString()));
        }
    }

    @GET
    @Path("oauth2/jwks")
    @Produces(MediaType.APPLICATION_JSON)
    public Response jwks() {
        JsonArrayBuilder list = JsonBytes.JSON.createArrayBuilder();
        for (SigningKey k : keys.published()) {
            list.add(JsonBytes.JSON.createObjectBuilder().add("kty", "EC").add("crv", "P-256").add("x", k.publicX()).add("y", k.publicY())
                    .add("kid", k.kid()).add("use", "sig").add("alg", SigningKey.ALGORITHM));
        }
        CacheControl cc = new CacheControl();
        cc.setMaxAge(60);
        return Response.ok(JsonBytes.JSON.createObjectBuilder().add("keys", list).build().toString(), MediaType.APPLICATION_JSON_TYPE)
                .cacheControl(cc).build();
    }

    @GET
    @Path(".well-known/openid-configuration")
    @Produces(MediaType.APPLICATION_JSON)
    public String discovery() {
        String base = settings.publicUrl();
        return JsonBytes.JSON.createObjectBuilder().add("issuer", settings.issuer())
                .add("token_endpoint", base + "/oauth2/token").add("jwks_uri", base + "/oauth2/jwks")
                .add("grant_types_supported", JsonBytes.JSON.createArrayBuilder().add("client_credentials"))
                .add("token_endpoint_auth_methods_supported", JsonBytes.JSON.createArrayBuilder().add("client_secret_basic").add("client_secret_post"))
                .add("id_token_signing_alg_values_supported", JsonBytes.JSON.createArrayBuilder().add("ES256"))
                .build().toString();
    }


    /** A form field given at most once; repeated parameters are a malformed request (RFC 6749 §3.2). */
    private static String single(MultivaluedMap<String, String> form, String name) {
        List<String> values = form == null ? null : form.get(name);
        if (values == null || values.isEmpty()) {
            return null;
        }
        if (values.size() > 1) {
            throw new IllegalArgumentException();
        }
        return values.get(0);
    }

    /** RFC 6749 §2.3.1: both halves are form-urlencoded before the Basic encoding. */
    private static String[] basicPair(String authorization) {
        try {
            String decoded = new String(Base64.getDecoder().decode(authorization.substring(6).strip()), StandardCharsets.UTF_8);
            int colon = decoded.indexOf(':');
            if (colon <= 0) {
                return null;
            }
            return new String[] {URLDecoder.decode(decoded.substring(0, colon), StandardCharsets.UTF_8),
                    URLDecoder.decode(decoded.substring(colon + 1), StandardCharsets.UTF_8)};
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
