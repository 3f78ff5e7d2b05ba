package io.novix.api.admin;

import io.novix.core.kernel.ErrorCode;
import io.novix.core.kernel.InvalidRequest;
import io.novix.core.kernel.JsonInput;
import io.novix.core.token.boundary.IssuedToken;
import io.novix.core.token.boundary.NewToken;
import io.novix.core.token.boundary.TokenIssuer;
import io.novix.api.access.Acting;
import io.novix.api.platform.Replies;
import io.novix.api.access.Allowed;
import io.novix.core.identity.entity.Principal;
import io.novix.core.identity.entity.Role;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.core.Context;
import java.util.UUID;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/** Issue, list and revoke a tenant's API tokens. */
@Guarded
@Path("/admin/tenants/{tenantId}/tokens")
@Produces(MediaType.APPLICATION_JSON)
public class TokensResource {

    private static final Set<String> FIELDS = Set.of("name", "role", "scopes", "expiresAt", "expiresIn");

    @Inject
    TokenIssuer issuer;

    @Context
    HttpServletRequest servletRequest;

    @POST
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.TOKEN_ISSUE)
    public Response issue(@PathParam("tenantId") String tenantId, byte[] body) {
        JsonInput in = JsonInput.object(body, FIELDS);
        Role role = in.optionalString("role").map(Role::assignable).orElse(Role.DEVELOPER);
        NewToken request = new NewToken(in.requiredString("name"), role, in.stringList("scopes"),
                expiry(in.optionalString("expiresAt"), in.optionalString("expiresIn")));
        IssuedToken issued = issuer.issue(Acting.caller(servletRequest), Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND), request);
        return Replies.noStore(Response.status(201).entity(TokenView.withSecret(issued.token(), issued.secret())));
    }

    @GET
    @Allowed(Operation.TOKEN_LIST)
    public List<TokenView> list(@PathParam("tenantId") String tenantId) {
        return issuer.list(Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND)).stream().map(TokenView::of).toList();
    }

    @POST
    @Path("{tokenId}/rotate")
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.TOKEN_ROTATE)
    public Response rotate(@PathParam("tenantId") String tenantId, @PathParam("tokenId") String tokenId) {
        before(tenantId, tokenId);
        IssuedToken issued = issuer.rotate(Acting.caller(servletRequest), Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND), Ids.parse(tokenId, ErrorCode.TOKEN_NOT_FOUND));
        return Replies.noStore(Response.status(201).entity(TokenView.withSecret(issued.token(), issued.secret())));
    }

    /**
     * Revokes every live token of the tenant that one principal issued ({@code {"issuedBy":"user:…"}}),
     * e.g. when a person leaves; answers the tokens revoked.
     */
    @POST
    @Path("revoke-issued-by")
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.TOKEN_REVOKE)
    public List<TokenView> revokeIssuedBy(@PathParam("tenantId") String tenantId, byte[] body) {
        JsonInput in = JsonInput.object(body, java.util.Set.of("issuedBy"));
        String principal = in.requiredString("issuedBy");
        if (principal.isBlank() || principal.length() > Principal.MAX) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, "'issuedBy' must be a principal such as user:alice@example.com", "issuedBy");
        }
        return issuer.revokeIssuedBy(Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND), new Principal(principal)).stream()
                .map(TokenView::of).toList();
    }

    @DELETE
    @Path("{tokenId}")
    @Allowed(Operation.TOKEN_REVOKE)
    public TokenView revoke(@PathParam("tenantId") String tenantId, @PathParam("tokenId") String tokenId) {
        before(tenantId, tokenId);
        return TokenView.of(issuer.revoke(Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND), Ids.parse(tokenId, ErrorCode.TOKEN_NOT_FOUND)));
    }

    private void before(String tenantId, String tokenId) {
        UUID token = Ids.parse(tokenId, ErrorCode.TOKEN_NOT_FOUND);
        issuer.list(Ids.parse(tenantId, ErrorCode.TENANT_NOT_FOUND)).stream().filter(t -> t.id().equals(token)).findFirst()
                .ifPresent(t -> Acting.before(servletRequest, TokenView.of(t)));
    }

    /** Exactly one of expiresAt (ISO-8601 instant) or expiresIn (ISO-8601 duration, e.g. P30D). */
    private static Instant expiry(Optional<String> at, Optional<String> in) {
        if (at.isPresent() == in.isPresent()) {
            throw new InvalidRequest(ErrorCode.MISSING_FIELD, "give exactly one of 'expiresAt' (e.g. 2027-01-31T00:00:00Z) "
                    + "or 'expiresIn' (e.g. P30D): tokens must expire", "expiresAt");
        }
        try {
            return at.isPresent() ? Instant.parse(at.get()) : Instant.now().plus(Duration.parse(in.get()));
        } catch (DateTimeParseException | ArithmeticException e) {
            throw new InvalidRequest(ErrorCode.INVALID_FIELD, at.isPresent() ? "'expiresAt' must be an ISO-8601 instant"
                    : "'expiresIn' must be an ISO-8601 duration", at.isPresent() ? "expiresAt" : "expiresIn");
        }
    }
}
