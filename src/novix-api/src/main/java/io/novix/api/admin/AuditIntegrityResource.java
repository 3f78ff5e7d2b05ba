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

import java.util.List;
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

    @jakarta.inject.Inject
    io.novix.core.audit.boundary.AuditArchive archive;

    @jakarta.ws.rs.core.Context
    jakarta.servlet.http.HttpServletRequest servletRequest;

    @GET
    @Path("partitions")
    @Allowed(Operation.AUDIT_ARCHIVE)
    public List<io.novix.core.audit.boundary.AuditArchive.Month> months() {
        return archive.months();
    }

    /** Every tenant's rows of the month with the chain proofs (NDJSON, verifiable offline); recorded once complete. */
    @GET
    @Path("partitions/{partition}/export")
    @Produces("application/x-ndjson")
    @Allowed(Operation.AUDIT_ARCHIVE)
    public jakarta.ws.rs.core.Response export(@jakarta.ws.rs.PathParam("partition") String partition) {
        // checked before the stream starts, so a bad name is a JSON error, not a broken download
        if (!partition.matches("^audit_record_[0-9]{4}_[0-9]{2}$") || archive.months().stream().noneMatch(m -> m.partition().equals(partition))) {
            throw new io.novix.core.kernel.NotFound(io.novix.core.kernel.ErrorCode.NOT_FOUND, "no audit month " + partition);
        }
        String by = io.novix.api.access.Acting.caller(servletRequest).principal().value();
        jakarta.ws.rs.core.StreamingOutput body = out -> archive.export(partition, by, out);
        return jakarta.ws.rs.core.Response.ok(body).header("Content-Disposition", "attachment; filename=\"" + partition + ".ndjson\"").build();
    }

}
