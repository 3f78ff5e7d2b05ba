package io.novix.api.admin;

import io.novix.api.access.Acting;
import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.credentials.boundary.UpstreamCredentials;
import io.novix.core.identity.entity.Operation;
import io.novix.core.kernel.JsonInput;
import jakarta.inject.Inject;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The platform's Hugging Face key (docs/cost-levers.md#upstream-credentials): stored sealed under the
 * KEK and rotated without a restart (PUT), back to HF_API_KEY (DELETE), and sealed for the configuration
 * (POST …/seal). Keys go in, never out: answers and audit rows show fingerprints. An endpoint's own key:
 * {@code PUT /admin/model-endpoints/{id}/credential}.
 */
@Guarded
@Path("/admin/upstream-credentials")
@Produces(MediaType.APPLICATION_JSON)
public class UpstreamCredentialsResource {

    static final Set<String> FIELDS = Set.of("apiKey");

    @Inject
    UpstreamCredentials credentials;

    @Context
    HttpServletRequest servletRequest;

    @GET
    @Allowed(Operation.UPSTREAM_CREDENTIAL_LIST)
    public List<UpstreamCredentials.View> all() {
        return credentials.all();
    }

    @PUT
    @Path("platform")
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.UPSTREAM_CREDENTIAL_SET)
    public UpstreamCredentials.View setPlatform(byte[] body) {
        String key = JsonInput.object(body, FIELDS).requiredString("apiKey");
        credentials.find(UpstreamCredentials.PLATFORM).ifPresent(v -> Acting.before(servletRequest, v));
        return credentials.set(UpstreamCredentials.PLATFORM, key);
    }

    @DELETE
    @Path("platform")
    @Allowed(Operation.UPSTREAM_CREDENTIAL_REMOVE)
    public Response removePlatform() {
        credentials.find(UpstreamCredentials.PLATFORM).ifPresent(v -> Acting.before(servletRequest, v));
        credentials.remove(UpstreamCredentials.PLATFORM);
        return Response.noContent().build();
    }

    /** The key sealed for HF_API_KEY; nothing is stored. */
    @POST
    @Path("seal")
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.UPSTREAM_CREDENTIAL_SET)
    public Response seal(byte[] body) {
        String key = JsonInput.object(body, FIELDS).requiredString("apiKey");
        return io.novix.api.platform.Replies.noStore(Response.ok(Map.of("sealed", credentials.sealForConfiguration(key))));
    }
}
