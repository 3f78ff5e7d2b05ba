package io.novix.api.admin;

import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.identity.entity.Operation;
import io.novix.core.keys.boundary.DataKeys;
import jakarta.inject.Inject;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;


/**
 * Data keys (hardening class 10): the platform administrator sees which KEK wraps how many keys and
 * re-wraps them under the current KEK after a KEK rotation (TenantDataKeysResource rotates one
 * tenant's data key). No key material ever leaves.
 */
@Guarded
@Path("/admin/data-keys")
@Produces(MediaType.APPLICATION_JSON)
public class DataKeysResource {

    @Inject
    DataKeys dataKeys;

    @GET
    @Allowed(Operation.DATA_KEY_LIST)
    public DataKeys.KeyStatus status() {
        return dataKeys.status();
    }

    @POST
    @Path("rewrap")
    @Consumes(MediaType.WILDCARD)
    @Allowed(Operation.DATA_KEY_REWRAP)
    public DataKeys.RewrapReport rewrap() {
        return dataKeys.rewrap();
    }
}
