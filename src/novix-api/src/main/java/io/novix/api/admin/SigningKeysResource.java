package io.novix.api.admin;

import io.novix.core.kernel.ErrorCode;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import io.novix.core.jwt.control.JwtSettings;
import io.novix.core.jwt.control.KeyRing;
import io.novix.core.jwt.entity.SigningKey;
import io.novix.core.kernel.Conflict;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.time.Instant;
import java.util.List;

/** The platform's JWT signing keys: list them, rotate without downtime (the old key keeps verifying). */
@Guarded
@Path("/admin/signing-keys")
@Produces(MediaType.APPLICATION_JSON)
public class SigningKeysResource {

    public record KeyView(String kid, String algorithm, Instant createdAt, Instant retiredAt, boolean active) {
        static KeyView of(SigningKey k) {
            return new KeyView(k.kid(), k.algorithm(), k.createdAt(), k.retiredAt(), k.active());
        }
    }

    @Inject
    KeyRing keys;

    @Inject
    JwtSettings settings;

    @GET
    @Allowed(Operation.SIGNING_KEY_LIST)
    public List<KeyView> list() {
        return keys.published().stream().map(KeyView::of).toList();
    }

    @POST
    @Path("rotate")
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.SIGNING_KEY_ROTATE)
    public Response rotate() {
        if (settings.seal().isEmpty()) {
            throw new Conflict(ErrorCode.SIGNING_UNAVAILABLE, "NOVIX_JWT_KEK is not set: there is no key to rotate");
        }
        return Response.status(201).entity(KeyView.of(keys.rotate())).build();
    }
}
