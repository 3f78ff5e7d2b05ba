package io.novix.api.admin;

import io.novix.api.access.Allowed;
import io.novix.api.access.Guarded;
import io.novix.core.audit.boundary.AuditIntegrity;
import io.novix.core.audit.control.ChainVerifier;
import io.novix.core.identity.entity.Operation;
import jakarta.inject.Inject;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

import java.util.Map;

/**
 * The audit trail's integrity, for the platform administrator and auditors: a verification of
 * every hash chain and signed checkpoint ({@code verified}, entries checked, the first failure and
 * its kind), and the public keys that verify checkpoints offline. Counts and positions only: no
 * tenant's data.
 */
@Guarded
@Path("/admin/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditIntegrityResource {

    @Inject
    AuditIntegrity integrity;

    @GET
    @Path("verification")
    @Allowed(Operation.AUDIT_VERIFY)
    public ChainVerifier.Result verification() {
        return integrity.verify();
    }

    @GET
    @Path("keys")
    @Allowed(Operation.AUDIT_VERIFY)
    public Map<String, String> keys() {
        return integrity.publicKeys();
    }
}
